package dev.tcpflight.bench;

import dev.tcpflight.bench.workload.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One child JVM. Its stdout is read line by line as it arrives (so the harness can time a line from the launch),
 * its stderr goes to a file quoted in failure reports. A child still running {@value #GRACE_S} s after it was
 * expected to end has its threads printed to the progress log (to see what a stalled run waits for), and is
 * killed {@value #KILL_S} s after it was expected to end.
 */
final class ChildJvm implements AutoCloseable {

    static final String LAUNCH_TO_RESULT_MS = "launch_to_result_ms";
    private static final int GRACE_S = 10;
    private static final int KILL_S = 60;

    private final String name;
    private final Process process;
    private final long launchedNanos;
    private final BufferedReader out;
    private final PrintStream in;
    private final Path errors;
    private final List<String> lines = new ArrayList<>();

    ChildJvm(String name, List<String> command, Path errors, Duration expected, PrintStream progress)
            throws IOException {
        this.name = name;
        this.errors = errors;
        launchedNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(expected.toSeconds() + GRACE_S, TimeUnit.SECONDS)) {
                    progress.printf("[bench] %s is late; its threads:%n%s%n", name, threads());
                }
                if (!process.waitFor(KILL_S - GRACE_S, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException | IOException e) {
                process.destroyForcibly();
            }
        }, "child-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private String threads() throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        return new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    /** Reads up to the first line that {@code wanted} accepts; returns the nanoseconds from launch to it. */
    long awaitLine(Predicate<String> wanted) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            long arrived = System.nanoTime();
            lines.add(line);
            if (wanted.test(line)) {
                return arrived - launchedNanos;
            }
        }
        throw failure("ended without the expected line");
    }

    /**
     * Reads up to the workload's {@code RESULT key=value ...} line and returns its figures, plus
     * {@value #LAUNCH_TO_RESULT_MS}: the milliseconds from the launch to that line.
     */
    Map<String, Double> result() throws IOException {
        long nanos = awaitLine(line -> line.startsWith(Result.PREFIX));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(LAUNCH_TO_RESULT_MS, nanos / 1e6);
        for (String pair : lines.get(lines.size() - 1).substring(Result.PREFIX.length()).split(" ")) {
            int eq = pair.indexOf('=');
            figures.put(pair.substring(0, eq), Double.valueOf(pair.substring(eq + 1)));
        }
        return figures;
    }

    void send(String line) {
        in.println(line);
    }

    /** Reads the rest of stdout and waits for a successful exit. */
    void finish() throws IOException, InterruptedException {
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
        }
        if (process.waitFor() != 0) {
            throw failure("exited with code " + process.exitValue());
        }
    }

    private IOException failure(String what) throws IOException {
        List<String> stderr = Files.readAllLines(errors);
        return new IOException(String.format("child JVM %s %s%nstdout: %s%nstderr (last lines): %s", name, what,
                lines, stderr.subList(Math.max(0, stderr.size() - 20), stderr.size())));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
