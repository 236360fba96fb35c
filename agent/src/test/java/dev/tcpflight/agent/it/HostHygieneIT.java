package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.programs.LoopbackEcho;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the agent leaves no trace in the JVM it runs in. It prints nothing, and the application's classes
 * keep coming from its CDS archive or AOT cache: only the bridge is defined in the bootstrap loader, so the JVM
 * keeps sharing classes of every loader (the agent's own load from its jar).
 */
class HostHygieneIT {

    @TempDir
    Path dir;

    @Test
    void aNormalRunPrintsNothing() throws Exception {
        ChildJvm.Result result = new ChildJvm().run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertEquals("", result.stderr(), "the JVM and the agent print nothing (JVM warnings are on)");
    }

    /**
     * JDK 17's static AppCDS, with a class list from a run with the agent: the application's classes come from
     * the archive, and the agent, whose classes load from its own jar, records as ever.
     */
    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void anAppCdsArchiveStaysInUseAndTheAgentRecords() throws Exception {
        Path list = dir.resolve("classes.lst");
        Path archive = dir.resolve("app.jsa");
        program(dir.resolve("training.jfr")).jvmOption("-XX:DumpLoadedClassList=" + list)
                .run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        java("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp",
                programJar().toString());
        assertArchivedAndRecorded(program(dir.resolve("run.jfr")).jvmOption("-XX:SharedArchiveFile=" + archive));
    }

    /** JDK 25's AOT cache (JEP 483/514), trained with the agent and a recording, used with both. */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void anAotCacheStaysInUseAndTheAgentRecords() throws Exception {
        Path cache = dir.resolve("app.aot");
        program(dir.resolve("training.jfr")).jvmOption("-XX:AOTCacheOutput=" + cache)
                .run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertArchivedAndRecorded(program(dir.resolve("run.jfr")).jvmOption("-XX:AOTCache=" + cache));
    }

    /**
     * A limit, stated: an archive made with the agent jar on {@code -cp} holds the application class loader's
     * own copies of the bridge, which the advice never calls; the agent says so and does not start.
     */
    @Test
    void anArchiveMadeWithTheAgentJarOnTheClassPathIsRefusedWithTheWayOut() throws Exception {
        Path list = dir.resolve("classes.lst");
        Path archive = dir.resolve("app.jsa");
        String classPath = programJar() + File.pathSeparator + ChildJvm.AGENT_JAR.toAbsolutePath();
        new ChildJvm().classPath(programJar(), ChildJvm.AGENT_JAR.toAbsolutePath())
                .jvmOption("-XX:DumpLoadedClassList=" + list).run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        java("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp", classPath);
        ChildJvm.Result result = new ChildJvm().classPath(programJar(), ChildJvm.AGENT_JAR.toAbsolutePath())
                .jvmOption("-XX:SharedArchiveFile=" + archive).jvmOption("-Xlog:cds=off")
                .run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertTrue(result.stderr().contains("agent not started") && result.stderr().contains("off -cp"),
                result.stderr());
    }

    /** The run's program class came from the archive, and its two connections were recorded. */
    private void assertArchivedAndRecorded(ChildJvm child) throws Exception {
        Path log = dir.resolve("class-load.log");
        ChildJvm.Result result = child.jvmOption("-Xlog:class+load:file=" + log).run(LoopbackEcho.class, "127.0.0.1")
                .assertSucceeded();
        assertEquals("", result.stderr().lines().filter(l -> !l.contains("jfr,startup"))
                .collect(Collectors.joining("\n")), "nothing printed");
        String program = Files.readAllLines(log).stream().filter(l -> l.contains(" " + LoopbackEcho.class.getName()
                + " ")).findFirst().orElseThrow();
        assertTrue(program.contains("shared objects file"), program);
        RecordedConnections recorded = RecordedConnections.read(dir.resolve("run.jfr"));
        assertEquals(1, recorded.withRole("client").size(), recorded.describe());
        assertEquals(1, recorded.withRole("server").size(), recorded.describe());
    }

    /** The program alone on the class path, the agent as -javaagent only, recording to {@code recording}. */
    private ChildJvm program(Path recording) throws IOException, URISyntaxException {
        return new ChildJvm().classPath(programJar()).recordTo(recording);
    }

    /** {@link LoopbackEcho} alone in a jar, made once per test. */
    private Path programJar() throws IOException, URISyntaxException {
        Path jar = dir.resolve("program.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        String entry = LoopbackEcho.class.getName().replace('.', '/') + ".class";
        Path classes = Path.of(LoopbackEcho.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }

    private static void java(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "java " + command + " did not finish");
        assertEquals(0, process.exitValue(), output);
    }
}
