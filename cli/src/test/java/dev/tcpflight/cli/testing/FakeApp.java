package dev.tcpflight.cli.testing;

import dev.tcpflight.agent.fake.FakeSocket;

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
}
