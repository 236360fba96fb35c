package dev.tcpflight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A blocking echo server: accepts connections, echoes each until read() returns -1 (the client's FIN), then closes
 * it, which is the passive close.
 */
final class EchoServer {

    @FunctionalInterface
    interface Client {
        void run(InetSocketAddress server) throws Exception;
    }

    private EchoServer() {
    }

    /**
     * Runs {@code client} against an echo server that serves exactly {@code connections} connections one after
     * another on its own thread, waits for the server to finish, then closes the listener. {@code say} receives the
     * server's teaching lines.
     */
    static void serve(int connections, Consumer<String> say, Client client) throws Exception {
        serve(say, client, listener -> {
            for (int i = 0; i < connections; i++) {
                echoThenClose(Loopback.accept(listener), say);
            }
        });
    }

    /**
     * Like {@link #serve(int, Consumer, Client)}, but the server thread only accepts: each accepted connection is
     * echoed by its own task on {@code handlers}, and the server finishes when every task has.
     */
    static void serve(int connections, Consumer<String> say, ExecutorService handlers, Client client)
            throws Exception {
        serve(say, client, listener -> {
            List<Future<?>> handled = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Socket socket = Loopback.accept(listener);
                handled.add(handlers.submit(() -> {
                    echoThenClose(socket, say);
                    return null;
                }));
            }
            for (Future<?> task : handled) {
                Loopback.await(task);
            }
        });
    }

    @FunctionalInterface
    private interface AcceptLoop {
        void run(ServerSocket listener) throws Exception;
    }

    private static void serve(Consumer<String> say, Client client, AcceptLoop server) throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            say.accept("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer serverThread = Peer.start("server", () -> server.run(listener));
            client.run(Loopback.address(listener));
            serverThread.join();
        }
    }

    private static void echoThenClose(Socket accepted, Consumer<String> say) throws IOException {
        try (Socket socket = accepted) {
            say.accept("server: accepted " + Loopback.endpoint(socket.getRemoteSocketAddress()) + ", echoing");
            echoUntilEof(socket);
            say.accept("server: read returned -1 (the client's FIN); closing too (passive close)");
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
