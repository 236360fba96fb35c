package dev.tcpflight.cli.testing;

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
 * One end of a connection, for a test that records each end in its own JVM. {@code server PORT_FILE}: listens on
 * loopback, writes its port to PORT_FILE, accepts one connection, reads to EOF and closes (passive close).
 * {@code client PORT}: connects, sends "hello" and closes first (active close).
 */
public final class LadderPeer {

    private LadderPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            serve(Path.of(args[1]));
        } else {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
                 OutputStream out = socket.getOutputStream()) {
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static void serve(Path portFile) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Written whole, then moved into place: the test never reads half a port number.
            Path partial = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".partial"),
                    String.valueOf(listener.getLocalPort()));
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
            try (Socket socket = listener.accept(); InputStream in = socket.getInputStream()) {
                in.readAllBytes();
            }
        }
    }
}
