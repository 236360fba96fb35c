package dev.tcpflight.agent.it.programs;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Child program: a client sends {@link #MESSAGE_BYTES} bytes to an echo server on the loopback address given as
 * the argument (127.0.0.1 or ::1), reads them back and closes first. With a second argument {@value #UNTIL_CLOSED}
 * it exits only once the kernel has dropped the server's end (the client's last ACK processed, no longer LAST_ACK),
 * at most a few seconds later: on loopback that ACK comes microseconds after the server's close, and a look at the
 * socket table in between would see LAST_ACK.
 */
public final class LoopbackEcho {

    public static final int MESSAGE_BYTES = 1000;
    public static final String UNTIL_CLOSED = "until-closed";
    private static final String LAST_ACK = "09"; // the state column of /proc/net/tcp
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getByName(args[0]);
        try (ServerSocket listener = new ServerSocket(0, 50, loopback)) {
            Thread server = new Thread(() -> serve(listener), "echo-server");
            server.start();
            client(listener);
            server.join(10_000);
            if (args.length > 1 && args[1].equals(UNTIL_CLOSED)) {
                awaitNoLastAck(listener.getLocalPort());
            }
        }
    }

    private static void awaitNoLastAck(int port) throws IOException, InterruptedException {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline && lastAckRows(local) > 0) {
            Thread.sleep(1);
        }
    }

    private static long lastAckRows(String localPort) throws IOException {
        long rows = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 3 && (columns[1] + " ").endsWith(localPort) && columns[3].equals(LAST_ACK)) {
                    rows++;
                }
            }
        }
        return rows;
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
