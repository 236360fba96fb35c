package dev.tcpflight.agent.it.programs;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Child program: prints how many sockets this process has before the application opens any (the agent must
 * open none), then sends a secret it makes up (and prints) to an echo server and back.
 */
public final class SecretEcho {

    public static void main(String[] args) throws Exception {
        System.out.println("network sockets before the application opened any: " + countOwnNetworkSockets());
        // Made here, not passed in: JFR records the command line and the environment.
        String text = "tcpflight-secret-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        System.out.println("secret: " + text);
        byte[] secret = text.getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    byte[] received = new byte[secret.length];
                    new DataInputStream(socket.getInputStream()).readFully(received);
                    socket.getOutputStream().write(received);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.start();
            try (Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                client.getOutputStream().write(secret);
                new DataInputStream(client.getInputStream()).readFully(new byte[secret.length]);
            }
            server.join(10_000);
        }
    }

    /**
     * TCP and UDP sockets among this process's open file descriptors (Linux). Unix-domain sockets do not count:
     * the JDK's NIO keeps one internally (a socketpair end for closing descriptors safely), with or without agent.
     */
    private static long countOwnNetworkSockets() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the directory listing's own descriptor, closed meanwhile
                }
            });
        }
        long count = 0;
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (String line : Files.readAllLines(Path.of("/proc/self/net", table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && inodes.contains(fields[9])) {
                    count++;
                }
            }
        }
        return count;
    }
}
