package dev.tcpflight.agent.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the native servers of the tests ({@link PostgresServer}, {@link RedisServer}) share: a free loopback port,
 * commands run to their end in bounded time, a server process awaited until it accepts connections, and stopped
 * in bounded time. Output goes to a file, so that a failure can say what the server said.
 */
final class NativeProcess {

    private NativeProcess() {
    }

    /** A loopback port free now (the kernel's pick; nothing holds it until the server binds it). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Starts {@code command} in {@code dir}, its output (both streams) appended to {@code log}. */
    static Process start(Path dir, Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs {@code command} to its end within {@code limit}; fails with its output unless it exits with 0. */
    static void run(Path dir, Path log, Duration limit, List<String> command) throws IOException,
            InterruptedException {
        Process process = start(dir, log, command);
        int exit = finish(process, limit);
        if (exit != 0) {
            throw new IOException(command + " exited with " + exit + ":\n" + output(log));
        }
    }

    /**
     * Waits until something accepts TCP connections on {@code port} of 127.0.0.1, within {@code limit}; fails
     * with the log if {@code server} ends first or the time runs out.
     */
    static void awaitAccepting(Process server, int port, Path log, Duration limit) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("nothing accepts on port " + port + " after " + limit + " (process "
                            + (server.isAlive() ? "alive" : "exited with " + server.exitValue()) + "):\n"
                            + output(log), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** As {@link #awaitAccepting}, but a server that never accepts is stopped (within {@code stop}) first. */
    static void awaitAcceptingOrStop(Process server, int port, Path log, Duration limit, Duration stop)
            throws IOException, InterruptedException {
        try {
            awaitAccepting(server, port, log, limit);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.destroy();
            finish(server, stop);
            throw e;
        }
    }

    /**
     * Waits for {@code process} to end within {@code limit}, kills it if it does not, and returns its exit code
     * (that of the kill, then).
     */
    static int finish(Process process, Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** What a server or command wrote, for a failure's message. */
    static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }
}
