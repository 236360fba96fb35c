package dev.tcpflight.agent.it.programs;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Child program: three clients that never read the EOF, as real HTTP clients and pools do. Each sends a request
 * of {@link #REQUEST_BYTES}, reads exactly the {@link #RESPONSE_BYTES} of the answer (never -1), and the server
 * ends the connection first:
 * <ol>
 *   <li>{@code pooled}: the server closes after {@link #SERVER_IDLE_MS} ms idle; the client holds the
 *       connection unread for {@link #CLIENT_IDLE_MS} ms, then closes it (the idle pooled connection);</li>
 *   <li>{@code connection-close}: the server closes right after answering; the client closes as soon as it has
 *       the answer ({@code Connection: close});</li>
 *   <li>{@code reset}: the server aborts (SO_LINGER 0) after answering; the client closes later.</li>
 * </ol>
 */
public final class PeerClosesFirst {

    public static final int REQUEST_BYTES = 100;
    public static final int RESPONSE_BYTES = 300;
    public static final long SERVER_IDLE_MS = 200;
    public static final long CLIENT_IDLE_MS = 1200;

    public static void main(String[] args) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            conversation(listener, SERVER_IDLE_MS, false, CLIENT_IDLE_MS);
            conversation(listener, 0, false, 20);
            conversation(listener, 0, true, 400);
        }
    }

    private static void conversation(ServerSocket listener, long serverIdleMs, boolean abort, long clientIdleMs)
            throws Exception {
        Thread server = new Thread(() -> serve(listener, serverIdleMs, abort), "server");
        server.start();
        try (Socket client = new Socket()) {
            client.connect(listener.getLocalSocketAddress(), 5_000);
            client.setSoTimeout(5_000);
            client.getOutputStream().write(new byte[REQUEST_BYTES]);
            new DataInputStream(client.getInputStream()).readFully(new byte[RESPONSE_BYTES]);
            Thread.sleep(clientIdleMs);
        }
        server.join(10_000);
    }

    private static void serve(ServerSocket listener, long idleMs, boolean abort) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(5_000);
            new DataInputStream(socket.getInputStream()).readFully(new byte[REQUEST_BYTES]);
            socket.getOutputStream().write(new byte[RESPONSE_BYTES]);
            Thread.sleep(idleMs);
            if (abort) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
