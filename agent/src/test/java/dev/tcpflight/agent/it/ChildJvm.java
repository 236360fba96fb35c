package dev.tcpflight.agent.it;

import dev.tcpflight.demo.Scenario;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program in a separate JVM (the same JDK as the tests, so {@code JAVA_HOME} picks 17 or 25) under the
 * real shaded agent jar, optionally with a JFR recording using the shipped tcpflight.jfc.
 */
final class ChildJvm {

    static final Path AGENT_JAR = Path.of(System.getProperty("tcpflight.agent.jar", "target/tcpflight-agent.jar"));
    static final Path JFC = Path.of(System.getProperty("tcpflight.jfc", "target/tcpflight.jfc"));
    private static final long TIMEOUT_SECONDS = 180;

    record Result(int exitCode, String stdout, String stderr) {
        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("child JVM exited with " + exitCode + "\nstdout:\n" + stdout
                        + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> classPath =
            new ArrayList<>(List.of(location(ChildJvm.class), location(Scenario.class)));
    /** Exact JVM-side sequences unless a test asks for the kernel sampler, which adds states by timing. */
    private String agentOptions = "";
    private Path workingDirectory;
    private Path modulePath;
    private boolean withAgent = true;
    private List<String> launcher = List.of();

    ChildJvm agentOptions(String options) {
        this.agentOptions = "=" + options;
        return this;
    }

    ChildJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    /** Runs the main class given as {@code module/class} from this module path, not from the class path. */
    ChildJvm modulePath(Path path) {
        this.modulePath = path;
        return this;
    }

    /** The child's whole class path instead of the test classes and the demo apps (CDS takes only jars). */
    ChildJvm classPath(Path... entries) {
        classPath.clear();
        for (Path entry : entries) {
            classPath.add(entry.toString());
        }
        return this;
    }

    /** Adds a jar or directory to the child's class path. */
    ChildJvm withClassPath(Path entry) {
        classPath.add(entry.toString());
        return this;
    }

    /** Adds the jars of the test class path whose path contains {@code part}, e.g. "/io/netty/". */
    ChildJvm withLibraries(String part) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains(part)) {
                classPath.add(entry);
            }
        }
        return this;
    }

    /** Runs the child in {@code directory} (default: the tests' working directory). */
    ChildJvm workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /**
     * Starts the JVM through this command, which ends by running its arguments (e.g. a shell that opens a
     * descriptor for the JVM to inherit, then {@code exec "$@"}).
     */
    ChildJvm launchedBy(String... command) {
        this.launcher = List.of(command);
        return this;
    }

    ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /**
     * For runs that commit hundreds of thousands of events in seconds: JFR's default buffer memory can overflow
     * on a busy 2-core machine, and JFR then drops events (reported as jdk.DataLoss), which is not the agent's.
     */
    ChildJvm largeJfrBuffers() {
        return jvmOption("-XX:FlightRecorderOptions:memorysize=256m");
    }

    /** Records the whole run into {@code recording} with tcpflight.jfc. */
    ChildJvm recordTo(Path recording) {
        return jvmOption("-XX:StartFlightRecording:filename=" + recording + ",settings=" + JFC);
    }

    Result run(Class<?> mainClass, String... arguments) throws IOException, InterruptedException {
        return run(mainClass.getName(), arguments);
    }

    Result run(String mainClass, String... arguments) throws IOException, InterruptedException {
        return start(mainClass, arguments).finish();
    }

    /** Starts the child and returns at once, for tests that act on a running JVM. */
    Running start(Class<?> mainClass, String... arguments) throws IOException {
        return start(mainClass.getName(), arguments);
    }

    Running start(String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withAgent) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + agentOptions);
        }
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.addAll(jvmOptions);
        if (modulePath == null) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classPath));
        } else {
            command.add("-p");
            command.add(modulePath.toString());
            command.add("-m");
        }
        command.add(mainClass);
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return new Running(builder.start(), command, out, err);
    }

    /** A started child JVM whose output goes to temporary files. */
    record Running(Process process, List<String> command, Path out, Path err) {

        long pid() {
            return process.pid();
        }

        /** Waits until the child has printed {@code line} on stdout. */
        void awaitLine(String line) throws IOException, InterruptedException {
            awaitLineStartingWith(line);
        }

        /** Waits until the child has printed a line starting with {@code prefix}, and returns the rest of it. */
        String awaitLineStartingWith(String prefix) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                var line = Files.readString(out).lines().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get().substring(prefix.length());
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("child never printed '" + prefix + "':\n" + Files.readString(err));
                }
                Thread.sleep(20);
            }
        }

        Result finish() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("child JVM did not finish in " + TIMEOUT_SECONDS + " s: " + command
                            + "\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
