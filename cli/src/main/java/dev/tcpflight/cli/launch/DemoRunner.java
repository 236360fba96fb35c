package dev.tcpflight.cli.launch;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the demo-apps scenarios, each in a child JVM under the agent, recording with tcpflight.jfc into a
 * temporary directory that {@link #close()} deletes.
 */
public final class DemoRunner implements AutoCloseable {

    static final String MAIN_CLASS = "dev.tcpflight.demo.DemoMain";
    /** {@code DemoMain}'s exit code for a scenario this JVM cannot run. */
    private static final int SKIPPED = 3;

    // The name becomes part of a file name and of the -XX:StartFlightRecording option, where ',' separates.
    private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Distribution distribution;
    private final Path directory;
    private final Path settings;

    private DemoRunner(Distribution distribution, Path directory, Path settings) {
        this.distribution = distribution;
        this.directory = directory;
        this.settings = settings;
    }

    public static DemoRunner create(Distribution distribution) throws TcpflightException {
        Path directory;
        try {
            directory = Files.createTempDirectory("tcpflight-demo-");
        } catch (IOException e) {
            throw new TcpflightException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            return new DemoRunner(distribution, directory, distribution.extractSettings(directory));
        } catch (TcpflightException e) {
            try {
                delete(directory);
            } catch (TcpflightException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The lines of {@code DemoMain --list}: one scenario per line, its name first. */
    public static List<String> scenarioList(Distribution distribution, Consumer<String> stderr)
            throws TcpflightException {
        List<String> lines = new ArrayList<>();
        int exitCode = ChildJvm.run(
                List.of("-cp", distribution.demoJar().toString(), MAIN_CLASS, "--list"), lines::add, stderr);
        checkExitCode(exitCode, "listing the demo scenarios");
        return lines;
    }

    /**
     * Runs one scenario to completion and returns its recording (in the temporary directory); empty when the
     * scenario cannot run on this JVM (it has said why on {@code stdout}).
     */
    public Optional<Path> record(String scenario, Consumer<String> stdout, Consumer<String> stderr)
            throws TcpflightException {
        if (!SCENARIO_NAME.matcher(scenario).matches()) {
            throw new TcpflightException("not a scenario name: '" + scenario + "' (see tcpflight demo --list)");
        }
        Path recording = directory.resolve(scenario + ".jfr");
        List<String> arguments = List.of(
                // The demo shows the states after close too: the kernel sampler is off by default, on here.
                "-javaagent:" + distribution.agentJar() + "=kernel=on",
                "-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings=" + settings,
                "-Xlog:jfr+startup=error", // JFR's "Started recording..." banner is noise here
                // A boot-class-path agent turns class data sharing off for application classes, and the JVM says
                // so in a warning that would be the demo's first line; without sharing there is nothing to say.
                "-Xshare:off",
                "-cp", distribution.demoJar().toString(),
                MAIN_CLASS, scenario);
        int exitCode = ChildJvm.run(arguments, stdout, stderr);
        if (exitCode == SKIPPED) {
            return Optional.empty();
        }
        checkExitCode(exitCode, "demo scenario " + scenario);
        return Optional.of(recording);
    }

    @Override
    public void close() throws TcpflightException {
        delete(directory);
    }

    /** Deletes the directory and the files in it (recordings and settings; it has no subdirectories). */
    private static void delete(Path directory) throws TcpflightException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new TcpflightException("cannot delete the temporary directory " + directory + ": " + e, e);
        }
    }

    private static void checkExitCode(int exitCode, String what) throws TcpflightException {
        if (exitCode != 0) {
            throw new TcpflightException(what + " failed (exit code " + exitCode + ")");
        }
    }
}
