package dev.tcpflight.cli.testing;

import dev.tcpflight.agent.fake.FakeSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a small loopback program: a listener, a client that connects and closes, the accepted socket
 * that sees the peer's FIN and closes too, and a refused connect. Golden outputs contain this file's line
 * numbers (as the application frames), so edits here mean updating them.
 */
public final class FakeApp {

    public static final int SERVER_PORT = 5000;
    public static final int CLIENT_PORT = 50123;

    private FakeApp() {
    }

    public static void handshakeAndClose() {
        FakeSocket listener = socket(1, "listener", "java.net.ServerSocket", SERVER_PORT, "", 0);
        listener.transition("CLOSED", "LISTEN", "listen", "api");
        FakeSocket client = socket(2, "client", "java.net.Socket", CLIENT_PORT, "127.0.0.1", SERVER_PORT);
        client.transition("CLOSED", "SYN_SENT", "connect", "api");
        client.transition("SYN_SENT", "ESTABLISHED", "connect", "api");
        FakeSocket server = socket(3, "server", "java.net.Socket", SERVER_PORT, "127.0.0.1", CLIENT_PORT);
        accept(server);
        client.transition("ESTABLISHED", "FIN_WAIT_1", "close", "api");
        client.end(5, 5, "FIN_WAIT_1", "local-close");
        server.transition("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api");
        server.transition("CLOSE_WAIT", "LAST_ACK", "close", "api");
        server.end(5, 5, "LAST_ACK", "peer-close");
        listener.transition("LISTEN", "CLOSED", "close", "api");
        listener.end(0, 0, "CLOSED", "local-close");
        FakeSocket refused = socket(4, "client", "SocketChannel", 0, "127.0.0.1", 1);
        refused.transition("CLOSED", "SYN_SENT", "connect", "api");
        refused.transition("SYN_SENT", "CLOSED", "connect-refused", "api",
                "java.net.ConnectException: Connection refused");
        refused.end(0, 0, "CLOSED", "refused");
    }

    private static void accept(FakeSocket server) {
        server.transition("LISTEN", "SYN_RECEIVED", "accept", "inferred");
        server.transition("SYN_RECEIVED", "ESTABLISHED", "accept", "api");
    }

    private static FakeSocket socket(long id, String role, String api, int localPort, String remote, int remotePort) {
        return new FakeSocket(id, role, api, "127.0.0.1", localPort, remote, remotePort).open();
    }

    /**
     * Connections with problems: a CLOSE_WAIT never closed, an abortive close, a socket garbage-collected without
     * close(), a timed-out connect, one still open at the end, and three active closes to one endpoint.
     */
    public static void troubles() {
        FakeSocket leak = socket(10, "server", "java.net.Socket", SERVER_PORT, "127.0.0.1", 50200);
        accept(leak);
        leak.transition("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api");
        FakeSocket reset = connected(11, 50201, SERVER_PORT);
        reset.transition("ESTABLISHED", "CLOSED", "abortive-close", "api", "SO_LINGER 0");
        reset.end(0, 0, "CLOSED", "reset");
        FakeSocket leaked = connected(12, 50202, SERVER_PORT);
        leaked.end(0, 0, "ESTABLISHED", "leaked");
        FakeSocket timeout = socket(13, "client", "java.net.Socket", 50203, "10.0.0.1", 80);
        timeout.transition("CLOSED", "SYN_SENT", "connect", "api");
        timeout.transition("SYN_SENT", "CLOSED", "connect-timeout", "api",
                "java.net.SocketTimeoutException: Connect timed out");
        timeout.end(0, 0, "CLOSED", "timeout");
        connected(14, 50204, 443);
        for (int id = 15; id < 18; id++) {
            FakeSocket closer = connected(id, 50200 + id, 6000);
            closer.transition("ESTABLISHED", "FIN_WAIT_1", "close", "api");
            closer.end(1, 1, "FIN_WAIT_1", "local-close");
        }
    }

    /**
     * handshakeAndClose's client and server ends as two JVMs would record them: events made in the order they
     * happen, the client's committed into {@code clientFile}, the server's into {@code serverFile}.
     */
    public static void twoJvms(Path clientFile, Path serverFile) throws IOException {
        FakeSocket client = socket(1, "client", "java.net.Socket", CLIENT_PORT, "127.0.0.1", SERVER_PORT);
        FakeSocket server = socket(7, "server", "java.net.Socket", SERVER_PORT, "127.0.0.1", CLIENT_PORT);
        List<Runnable> clientEvents = new ArrayList<>();
        List<Runnable> serverEvents = new ArrayList<>();
        clientEvents.add(client.begin("CLOSED", "SYN_SENT", "connect", "api"));
        serverEvents.add(server.begin("LISTEN", "SYN_RECEIVED", "accept", "inferred"));
        serverEvents.add(server.begin("SYN_RECEIVED", "ESTABLISHED", "accept", "api"));
        clientEvents.add(client.begin("SYN_SENT", "ESTABLISHED", "connect", "api"));
        clientEvents.add(client.begin("ESTABLISHED", "FIN_WAIT_1", "close", "api"));
        clientEvents.add(client.ending(5, 5, "FIN_WAIT_1", "local-close"));
        serverEvents.add(server.begin("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api"));
        serverEvents.add(server.begin("CLOSE_WAIT", "LAST_ACK", "close", "api"));
        serverEvents.add(server.ending(5, 5, "LAST_ACK", "peer-close"));
        Recordings.record(clientFile, () -> clientEvents.forEach(Runnable::run));
        Recordings.record(serverFile, () -> serverEvents.forEach(Runnable::run));
    }

    private static FakeSocket connected(long id, int localPort, int remotePort) {
        FakeSocket client = socket(id, "client", "java.net.Socket", localPort, "127.0.0.1", remotePort);
        client.transition("CLOSED", "SYN_SENT", "connect", "api");
        client.transition("SYN_SENT", "ESTABLISHED", "connect", "api");
        return client;
    }
}
