package dev.tcpflight.demo;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kernel's own table of TCP sockets, the one netstat and ss show, where the OS publishes it as files: Linux's
 * /proc/net/tcp and /proc/net/tcp6 (Java's sockets are IPv6 sockets there, so 127.0.0.1 shows as ::ffff:127.0.0.1).
 * For what only the kernel sees: a socket's state after the JVM closed it, or after a library closed it on its own
 * thread.
 */
final class OsSocketTable {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The state column's values, from 1 (Linux include/net/tcp_states.h), in this project's names. */
    private static final List<String> STATES = List.of("ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1",
            "FIN_WAIT_2", "TIME_WAIT", "CLOSED", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING");
    /** 127.0.0.1 as the table prints it: the address's 32-bit words in the host's byte order, in hex. */
    private static final String LOOPBACK = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F" : "7F000001";
    private static final long POLL_MS = 5;

    private OsSocketTable() {
    }

    /** True where the table can be read, that is on Linux. */
    static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /** The kernel's state of the loopback connection from {@code localPort} to {@code remotePort}, if it has one. */
    static Optional<String> state(int localPort, int remotePort) throws IOException {
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) { // after the header
                String[] column = line.trim().split("\\s+"); // sl, local, remote, state, ...
                if (isLoopback(column[1], localPort) && isLoopback(column[2], remotePort)) {
                    return Optional.of(STATES.get(Integer.parseInt(column[3], 16) - 1));
                }
            }
        }
        return Optional.empty();
    }

    /** Waits until the kernel shows the loopback connection {@code localPort}->{@code remotePort} in {@code state}. */
    static void await(int localPort, int remotePort, String state)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Loopback.TIMEOUT_MS);
        Optional<String> now;
        while (!(now = state(localPort, remotePort)).equals(Optional.of(state))) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("127.0.0.1:" + localPort + " -> 127.0.0.1:" + remotePort + " still "
                        + now.orElse("absent") + " after " + Loopback.TIMEOUT_MS + " ms, not " + state);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** "0100007F:A4FC" (or its IPv4-mapped IPv6 form) is 127.0.0.1:{@code port}. */
    private static boolean isLoopback(String endpoint, int port) {
        int colon = endpoint.indexOf(':');
        return endpoint.substring(0, colon).endsWith(LOOPBACK)
                && Integer.parseInt(endpoint.substring(colon + 1), 16) == port;
    }
}
