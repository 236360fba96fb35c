package dev.tcpflight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A blocking echo server: accepts connections one after another, echoes each until read() returns -1 (the client's
 * FIN), then closes it, which is the passive close.
 */
final class EchoServer {

    @FunctionalInterface
    interface Client {
        void run(InetSocketAddress server) throws Exception;
    }

    private EchoServer() {
    }

    /**
     * Runs {@code client} against an echo server that serves exactly {@code connections} connections, waits for the
     * server to finish, then closes the listener. {@code say} receives the server's teaching lines.
     */
    static void serve(int connections, Consumer<String> say, Client client) throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            say.accept("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.start("server", () -> acceptAndEcho(listener, connections, say));
            client.run(Loopback.address(listener));
            server.join();
        }
    }

    private static void acceptAndEcho(ServerSocket listener, int connections, Consumer<String> say)
            throws IOException {
        for (int i = 0; i < connections; i++) {
            try (Socket socket = Loopback.accept(listener)) {
                say.accept("server: accepted " + Loopback.endpoint(socket.getRemoteSocketAddress()) + ", echoing");
                echoUntilEof(socket);
                say.accept("server: read returned -1 (the client's FIN); closing too (passive close)");
            }
        }
    }

    private static void echoUntilEof(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[256];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
    }
}
