package dev.tcpflight.agent.it.programs;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Child program: a client sends {@link #MESSAGE_BYTES} bytes to an echo server on the loopback address given as
 * the argument (127.0.0.1 or ::1), reads them back and closes first.
 */
public final class LoopbackEcho {

    public static final int MESSAGE_BYTES = 1000;

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getByName(args[0]);
        try (ServerSocket listener = new ServerSocket(0, 50, loopback)) {
            Thread server = new Thread(() -> serve(listener), "echo-server");
            server.start();
            client(listener);
            server.join(10_000);
        }
    }

    private static void client(ServerSocket listener) throws IOException {
        Socket socket = new Socket();
        socket.connect(listener.getLocalSocketAddress(), 5_000);
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(new byte[MESSAGE_BYTES]);
        new DataInputStream(socket.getInputStream()).readFully(new byte[MESSAGE_BYTES]);
        socket.close();
    }

    private static void serve(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            for (int n; (n = in.read(buffer)) > 0; ) {
                socket.getOutputStream().write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
