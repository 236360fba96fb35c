package dev.tcpflight.cli.testing;

import dev.tcpflight.agent.fake.FakeSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Three JVMs, each recorded into its own file: a client (10.0.0.1) that calls a proxy (10.0.0.2:8080) twice, one
 * call reset by the client, a third time in vain (the connect times out), and is refused by 10.0.0.9:80, which
 * nobody recorded; the proxy, which calls a
 * backend (10.0.0.3:5432) twice, leaking one socket and closing the other while the backend leaves it in
 * CLOSE_WAIT; the backend, also called by 10.0.0.7, which nobody recorded.
 */
public final class FakeFleet {

    public static final int PROXY_PORT = 8080;
    public static final int BACKEND_PORT = 5432;
    private static final String CLIENT = "10.0.0.1";
    private static final String PROXY = "10.0.0.2";
    private static final String BACKEND = "10.0.0.3";

    private FakeFleet() {
    }

    /** Records the three JVMs into {@code dir}: web.jfr (the client), proxy.jfr, backend.jfr, in that order. */
    public static List<Path> record(Path dir) throws IOException {
        return List.of(Recordings.record(dir.resolve("web.jfr"), FakeFleet::client),
                Recordings.record(dir.resolve("proxy.jfr"), FakeFleet::proxy),
                Recordings.record(dir.resolve("backend.jfr"), FakeFleet::backend));
    }

    private static void client() {
        closed(connected(1, CLIENT, 40001, PROXY, PROXY_PORT));
        FakeSocket reset = connected(2, CLIENT, 40002, PROXY, PROXY_PORT);
        reset.transition("ESTABLISHED", "CLOSED", "abortive-close", "api", "SO_LINGER 0");
        reset.end(0, 0, "CLOSED", "reset");
        FakeSocket refused = socket(3, "client", CLIENT, 40003, "10.0.0.9", 80);
        refused.transition("CLOSED", "SYN_SENT", "connect", "api");
        refused.transition("SYN_SENT", "CLOSED", "connect-refused", "api",
                "java.net.ConnectException: Connection refused");
        refused.end(0, 0, "CLOSED", "refused");
        FakeSocket timeout = socket(4, "client", CLIENT, 40004, PROXY, PROXY_PORT);
        timeout.transition("CLOSED", "SYN_SENT", "connect", "api");
        timeout.transition("SYN_SENT", "CLOSED", "connect-timeout", "api",
                "java.net.SocketTimeoutException: Connect timed out");
        timeout.end(0, 0, "CLOSED", "timeout");
    }

    private static void proxy() {
        peerClosed(accepted(1, PROXY, PROXY_PORT, CLIENT, 40001)).end(5, 5, "LAST_ACK", "peer-close");
        FakeSocket reset = accepted(2, PROXY, PROXY_PORT, CLIENT, 40002);
        reset.transition("ESTABLISHED", "CLOSED", "reset", "api", "java.net.SocketException: Connection reset");
        reset.end(0, 0, "CLOSED", "reset");
        connected(3, PROXY, 41001, BACKEND, BACKEND_PORT).end(0, 0, "ESTABLISHED", "leaked");
        closed(connected(4, PROXY, 41002, BACKEND, BACKEND_PORT));
    }

    private static void backend() {
        accepted(1, BACKEND, BACKEND_PORT, PROXY, 41001);
        accepted(2, BACKEND, BACKEND_PORT, PROXY, 41002).transition("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api");
        peerClosed(accepted(3, BACKEND, BACKEND_PORT, "10.0.0.7", 50000)).end(5, 5, "LAST_ACK", "peer-close");
    }

    private static FakeSocket connected(long id, String local, int localPort, String remote, int remotePort) {
        FakeSocket client = socket(id, "client", local, localPort, remote, remotePort);
        client.transition("CLOSED", "SYN_SENT", "connect", "api");
        client.transition("SYN_SENT", "ESTABLISHED", "connect", "api");
        return client;
    }

    /** As the agent records an accept: the SYN_RECEIVED it cannot see is inferred. */
    private static FakeSocket accepted(long id, String local, int localPort, String remote, int remotePort) {
        FakeSocket server = socket(id, "server", local, localPort, remote, remotePort);
        server.transition("LISTEN", "SYN_RECEIVED", "accept", "inferred");
        server.transition("SYN_RECEIVED", "ESTABLISHED", "accept", "api");
        return server;
    }

    private static void closed(FakeSocket client) {
        client.transition("ESTABLISHED", "FIN_WAIT_1", "close", "api");
        client.end(5, 5, "FIN_WAIT_1", "local-close");
    }

    private static FakeSocket peerClosed(FakeSocket server) {
        server.transition("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api");
        server.transition("CLOSE_WAIT", "LAST_ACK", "close", "api");
        return server;
    }

    private static FakeSocket socket(long id, String role, String local, int localPort, String remote,
                                     int remotePort) {
        return new FakeSocket(id, role, "java.net.Socket", local, localPort, remote, remotePort).open();
    }
}
