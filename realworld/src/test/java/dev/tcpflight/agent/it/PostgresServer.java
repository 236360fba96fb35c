package dev.tcpflight.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster of the Debian package ({@code /usr/lib/postgresql/VERSION/bin}) in a test's
 * directory, listening on a free port of 127.0.0.1 only (its Unix socket in the same directory, not in
 * /var/run), fsync off. PostgreSQL refuses to run as root, so as root (tests and CI) every command runs as the
 * {@code postgres} user through {@code runuser}, in a directory that user owns. {@link #close()} stops it (fast
 * shutdown: clients are disconnected) in bounded time.
 */
final class PostgresServer implements AutoCloseable {

    private static final Duration INITDB = Duration.ofSeconds(60);
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(20);

    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path log;
    private final int port;
    private boolean started;

    private PostgresServer(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.port = port;
    }

    /**
     * Makes a cluster in {@code dir} and starts it; returns once it accepts connections. Skips the test
     * (an assumption) where the binaries are missing.
     */
    static PostgresServer start(Path dir) throws IOException, InterruptedException {
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/postgres);"
                + " .ci/run installs it (Debian package postgresql)");
        Path home = Files.createDirectory(dir.resolve("postgres"));
        if (asRoot()) {
            // the postgres user must reach its directory inside the root-owned (0700) test directory
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            NativeProcess.run(dir, dir.resolve("chown.log"), INITDB, List.of("chown", "postgres:postgres",
                    home.toString()));
        }
        PostgresServer server = new PostgresServer(bin, home, NativeProcess.freePort());
        try {
            server.run(INITDB, "initdb", "-D", server.data.toString(), "-A", "trust", "-U", "postgres",
                    "--no-locale", "-E", "UTF8", "--no-sync");
            server.started = true;
            // -w: pg_ctl returns once the server says it accepts connections (postmaster.pid), else fails
            server.run(START, "pg_ctl", "-D", server.data.toString(), "-l", server.log.toString(), "-w", "-t",
                    Long.toString(START.toSeconds()), "-o", "-c listen_addresses=127.0.0.1 -p " + server.port
                            + " -k " + home + " -c fsync=off", "start");
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                server.close(); // pg_ctl may have timed out with the server still starting
            } catch (IOException | InterruptedException notStopped) {
                e.addSuppressed(notStopped);
            }
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Fast shutdown (open sessions are ended), then immediate if that did not finish in time. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!started) {
            return;
        }
        started = false;
        try {
            run(STOP, "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", Long.toString(STOP.toSeconds()),
                    "stop");
        } catch (IOException notStopped) {
            run(STOP, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        }
    }

    private void run(Duration limit, String program, String... arguments) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            NativeProcess.run(home, home.resolve("commands.log"), limit, command);
        } catch (IOException failed) {
            throw new IOException(failed.getMessage() + "\nserver log:\n" + NativeProcess.output(log), failed);
        }
    }

    /** The bin directory of the newest PostgreSQL installed, or null. */
    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return null;
        }
        try (Stream<Path> each = Files.list(versions)) {
            return each.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres"))
                    && Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(PostgresServer::version)).orElse(null);
        }
    }

    private static int version(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
