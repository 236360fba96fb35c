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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the agent leaves no trace in the JVM it runs in. It prints nothing, and its classes can be archived
 * like the application's (the agent jar on {@code -cp} as well, as the README says): only the bridge is defined
 * in the bootstrap loader, so the JVM keeps sharing classes of every loader.
 */
class HostHygieneIT {

    @TempDir
    Path dir;

    @Test
    void aNormalRunPrintsNothing() throws Exception {
        ChildJvm.Result result = new ChildJvm().run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertEquals("", result.stderr(), "the JVM and the agent print nothing (JVM warnings are on)");
    }

    /** JDK 17's static AppCDS: a class list from a run with the agent, dumped with the agent jar on -cp. */
    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void theAgentsClassesLoadFromAnAppCdsArchive() throws Exception {
        Path archive = staticArchive();
        ClassSources loaded = runLogged(withAgentOnClassPath().jvmOption("-XX:SharedArchiveFile=" + archive));
        assertTrue(loaded.shared() >= 0.95 * loaded.total(), loaded.toString());
    }

    /**
     * A limit, stated: JDK 21+ links the agent's classes in such an archive to the archive's own copies of the
     * bridge, not to the bootstrap loader's, so the agent cannot start; it says why and what to do instead.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aStaticArchiveWithTheAgentJarIsRefusedWithTheWayOut() throws Exception {
        Path archive = staticArchive();
        ChildJvm.Result result = withAgentOnClassPath().jvmOption("-XX:SharedArchiveFile=" + archive)
                .jvmOption("-Xlog:cds=off").run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertTrue(result.stderr().contains("agent not started") && result.stderr().contains("-XX:AOTCacheOutput"),
                result.stderr());
    }

    /** A class list from a run with the agent, dumped (without it, as -Xshare:dump runs no application). */
    private Path staticArchive() throws Exception {
        Path list = dir.resolve("classes.lst");
        Path archive = dir.resolve("app.jsa");
        withAgentOnClassPath().jvmOption("-XX:DumpLoadedClassList=" + list).run(LoopbackEcho.class, "127.0.0.1")
                .assertSucceeded();
        java("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp",
                program() + File.pathSeparator + ChildJvm.AGENT_JAR.toAbsolutePath());
        return archive;
    }

    /** JDK 25's AOT cache (JEP 483/514), trained with the agent. */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void theAgentsClassesLoadFromAnAotCache() throws Exception {
        Path cache = dir.resolve("app.aot");
        withAgentOnClassPath().jvmOption("-XX:AOTCacheOutput=" + cache).run(LoopbackEcho.class, "127.0.0.1")
                .assertSucceeded();
        ClassSources loaded = runLogged(withAgentOnClassPath().jvmOption("-XX:AOTCache=" + cache));
        // Left out: the JFR event classes (JFR's own rule), the bridge (defined at run time) and lambdas.
        assertTrue(loaded.shared() >= 0.95 * loaded.total(), loaded.toString());
    }

    /** The program in a jar and the agent jar: CDS archives classes of jars only, and only on the class path. */
    private ChildJvm withAgentOnClassPath() throws IOException, URISyntaxException {
        return new ChildJvm().classPath(program(), ChildJvm.AGENT_JAR.toAbsolutePath());
    }

    /** {@link LoopbackEcho} alone in a jar, made once per test. */
    private Path program() throws IOException, URISyntaxException {
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

    private ClassSources runLogged(ChildJvm child) throws Exception {
        Path log = dir.resolve("class-load.log");
        child.jvmOption("-Xlog:class+load:file=" + log).run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        List<String> agent = Files.readAllLines(log).stream().filter(line -> line.contains(" dev.tcpflight.")
                && (line.contains(ChildJvm.AGENT_JAR.getFileName().toString()) || line.contains("shared objects file")))
                .toList();
        return new ClassSources(agent.size(), agent.stream().filter(l -> l.contains("shared objects file")).count());
    }

    /** The agent's classes loaded from its jar or from the archive, and of those, how many from the archive. */
    private record ClassSources(long total, long shared) {
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
