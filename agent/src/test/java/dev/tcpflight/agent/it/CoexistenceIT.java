package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.programs.Greeter;
import dev.tcpflight.agent.it.programs.OtherAgent;
import dev.tcpflight.agent.it.programs.OwnByteBuddy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcpflight beside the application's own Byte Buddy, beside another Byte Buddy agent, and in a named module. */
class CoexistenceIT {

    private static final Path LIBS = Path.of(System.getProperty("tcpflight.it.libs", "target/it-libs"));
    private static final List<String> CLIENT = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
            "ESTABLISHED>FIN_WAIT_1:close");

    @TempDir
    Path dir;

    @Test
    void applicationWithItsOwnByteBuddyAndAnotherByteBuddyAgentWorksUnchanged() throws Exception {
        Path otherAgent = otherAgentJar();
        Path recording = dir.resolve("coexist.jfr");
        ChildJvm.Result result = new ChildJvm().withClassPath(LIBS.resolve("byte-buddy.jar"))
                .jvmOption("-javaagent:" + otherAgent).recordTo(recording).run(OwnByteBuddy.class)
                .assertSucceeded();
        assertTrue(result.stdout().contains("byte buddy version=1.18.12"), "the application's own version:\n" + result);
        assertTrue(result.stdout().contains("made by the application's Byte Buddy"), result.stdout());
        assertTrue(result.stdout().contains("greeting: hello from the other agent"), result.stdout());
        assertEquals(CLIENT, RecordedConnections.read(recording).only("client").path());
    }

    @Test
    void applicationInANamedModuleIsTracedWithoutAnyAddOpens() throws Exception {
        Path modules = compileModule();
        Path recording = dir.resolve("module.jfr");
        ChildJvm.Result result = new ChildJvm().recordTo(recording).modulePath(modules)
                .run("echo.app/echo.app.Main").assertSucceeded();
        assertTrue(result.stdout().contains("echoed"), result.toString());
        RecordedConnections recorded = RecordedConnections.read(recording);
        assertEquals(CLIENT, recorded.only("client").path(), recorded.describe());
        assertEquals(3, recorded.all().size());
    }

    @Test
    void withoutJfrInTheModuleGraphTheAgentSaysSoAndTheApplicationRuns() throws Exception {
        Path modules = compileModule();
        // What a jlink image without jdk.jfr looks like: only the application and the agent's java.instrument.
        ChildJvm.Result result = new ChildJvm().jvmOption("--limit-modules=echo.app,java.instrument")
                .modulePath(modules).run("echo.app/echo.app.Main").assertSucceeded();
        assertTrue(result.stdout().contains("echoed"), result.toString());
        assertTrue(result.stderr().contains("add --add-modules jdk.jfr"), result.stderr());
    }

    /** Builds the other agent's jar next to the application's Byte Buddy jar, which its manifest points to. */
    private Path otherAgentJar() throws IOException {
        Path jar = Files.createTempFile(LIBS, "other-agent", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", OtherAgent.class.getName());
        manifest.getMainAttributes().putValue("Class-Path", "byte-buddy.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Class<?> type : List.of(OtherAgent.class, Greeter.class)) {
                copyClasses(type, out);
            }
        }
        jar.toFile().deleteOnExit();
        return jar;
    }

    private static void copyClasses(Class<?> type, JarOutputStream out) throws IOException {
        Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
        String prefix = type.getName().replace('.', '/');
        Path folder = classes.resolve(prefix).getParent();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString()
                    .startsWith(type.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private Path compileModule() throws IOException {
        Path sources = dir.resolve("src/echo.app");
        Files.createDirectories(sources.resolve("echo/app"));
        Files.writeString(sources.resolve("module-info.java"), "module echo.app { }\n");
        Files.writeString(sources.resolve("echo/app/Main.java"), """
                package echo.app;

                import java.net.InetAddress;
                import java.net.ServerSocket;
                import java.net.Socket;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                            Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                            Socket server = listener.accept();
                            client.getOutputStream().write(42);
                            server.getOutputStream().write(server.getInputStream().read());
                            client.getInputStream().read();
                            client.close();
                            server.getInputStream().read();
                            server.close();
                            System.out.println("echoed");
                        }
                    }
                }
                """);
        Path output = dir.resolve("mods/echo.app");
        int status = ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), System.err,
                "--release", "17", "-d", output.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("echo/app/Main.java").toString());
        assertEquals(0, status, "compiling the test module");
        return dir.resolve("mods");
    }
}
