package dev.tcpflight.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of the Debian package on a free port of 127.0.0.1, nothing persisted, its working directory a
 * test's directory, that closes a client idle for {@code idleSeconds} (its {@code timeout}; Redis checks in its
 * once-a-second client cron, so the close comes up to a second later). {@link #close()} stops it (SIGTERM; a
 * kill after a bounded wait).
 */
final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it in {@code dir}; returns once it accepts connections. Skips the test where it is missing. */
    static RedisServer start(Path dir, int idleSeconds) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed; .ci/run installs it"
                + " (Debian package redis-server)");
        Path home = Files.createDirectory(dir.resolve("redis"));
        Path log = home.resolve("redis.log");
        int port = NativeProcess.freePort();
        Process process = NativeProcess.start(home, log, List.of(BINARY.toString(), "--save", "", "--appendonly",
                "no", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--timeout",
                Integer.toString(idleSeconds), "--dir", home.toString()));
        NativeProcess.awaitAcceptingOrStop(process, port, log, START, STOP);
        return new RedisServer(process, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        NativeProcess.finish(process, STOP);
    }
}
