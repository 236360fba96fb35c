package dev.tcpflight.bench.workload;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * {@code java.net.ServerSocket} echo server: each worker thread accepts a connection and echoes fixed-size
 * messages on it until the client closes, or, for churn, echoes one message and closes first.
 */
final class BlockingEchoServer implements EchoServer {

    private final ServerSocket listener;

    BlockingEchoServer(int size, int workers, boolean oneExchange) throws IOException {
        listener = new ServerSocket(0, 128, EchoServer.loopback());
        for (int i = 0; i < workers; i++) {
            EchoServer.daemon("echo-" + i, () -> {
                byte[] message = new byte[size];
                while (true) {
                    try (Socket socket = listener.accept()) {
                        socket.setTcpNoDelay(true);
                        echo(socket, message, oneExchange);
                    }
                }
            });
        }
    }

    private static void echo(Socket socket, byte[] message, boolean once) throws IOException {
        InputStream in = socket.getInputStream();
        do {
            if (in.readNBytes(message, 0, message.length) < message.length) {
                return; // the client closed
            }
            socket.getOutputStream().write(message);
        } while (!once);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
