package dev.tcpflight.cli.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A running server for the attach tests, started WITHOUT the agent: listens on loopback, and every
 * {@code INTERVAL_MS} connects to itself, sends "hello" and closes first (client-closes-first: the client goes
 * through FIN_WAIT_1, the server reads EOF and closes, CLOSE_WAIT then LAST_ACK). One connection opened at start
 * stays open and is written to now and then, so that a connection older than the attach exists too.
 *
 * <p>{@code TrafficTarget READY_FILE INTERVAL_MS LIFETIME_S}: writes "ready PORT" into READY_FILE once listening
 * (whole, then moved into place); exits by itself after LIFETIME_S, so that a failed test leaves nothing behind.
 */
public final class TrafficTarget {

    private TrafficTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        long intervalMillis = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(listener), "target-server");
            server.setDaemon(true);
            server.start();
            try (Socket longLived = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                Path partial = Files.writeString(ready.resolveSibling(ready.getFileName() + ".partial"),
                        "ready " + listener.getLocalPort());
                Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
                long round = 0;
                while (System.nanoTime() < deadline) {
                    Thread.sleep(intervalMillis);
                    clientClosesFirst(listener.getLocalPort());
                    if (++round % 4 == 0) {
                        longLived.getOutputStream().write('.');
                    }
                }
            }
        }
        System.exit(0);
    }

    private static void clientClosesFirst(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             OutputStream out = socket.getOutputStream()) {
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            System.err.println("target: connect failed: " + e);
        }
    }

    /** Accepts each connection on its own thread, reads to EOF (the client's FIN), then closes. */
    private static void serve(ServerSocket listener) {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // the listener is closed: the target is exiting
            }
            Thread reader = new Thread(() -> {
                try (socket; InputStream in = socket.getInputStream()) {
                    in.readAllBytes();
                } catch (IOException e) {
                    System.err.println("target: read failed: " + e);
                }
            }, "target-connection");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
