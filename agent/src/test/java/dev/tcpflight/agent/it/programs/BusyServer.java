package dev.tcpflight.agent.it.programs;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child program for attach-under-load: {@link #THREADS} client threads keep request/response going over
 * persistent connections to a thread-per-connection echo server, while the main thread opens short connections
 * one after another, until the file args[0] exists (or 60 s pass), then {@link #FINAL_CONNECTIONS} more.
 * Prints "ready" once all threads are busy.
 */
public final class BusyServer {

    public static final int THREADS = 100;
    public static final int FINAL_CONNECTIONS = 20;

    public static void main(String[] args) throws Exception {
        Path stop = Path.of(args[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (ServerSocket listener = new ServerSocket(0, THREADS, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptLoop(listener), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Thread client = new Thread(() -> chatter(listener, stop, deadline), "client-" + i);
                client.start();
                clients.add(client);
            }
            System.out.println("ready");
            int shortConnections = 0;
            while (!Files.exists(stop) && System.nanoTime() < deadline) {
                try (Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                    roundTrip(socket);
                }
                shortConnections++;
                Thread.sleep(5);
            }
            for (Thread client : clients) {
                client.join(10_000);
            }
            for (int i = 0; i < FINAL_CONNECTIONS; i++) { // made after the stop signal, so after the attach
                try (Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                    roundTrip(socket);
                }
                shortConnections++;
            }
            System.out.println("short connections: " + shortConnections);
        }
    }

    private static void chatter(ServerSocket listener, Path stop, long deadline) {
        try (Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            while (!Files.exists(stop) && System.nanoTime() < deadline) {
                roundTrip(socket);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write(new byte[64]);
        new DataInputStream(socket.getInputStream()).readFully(new byte[64]);
    }

    private static void acceptLoop(ServerSocket listener) {
        while (true) {
            try {
                Socket socket = listener.accept();
                Thread echo = new Thread(() -> echo(socket), "echo");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            byte[] buffer = new byte[64];
            for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                socket.getOutputStream().write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
