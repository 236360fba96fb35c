package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Child program (JDK 21+): a blocking java.net echo server with one virtual thread per connection, and
 * {@link #CLIENTS} clients on virtual threads, half through java.net.Socket, half through a blocking
 * SocketChannel; each client closes first. Records itself (settings args[0], output args[1]) with every
 * virtual-thread pinning event, however short. One exchange of each kind on platform threads comes first, in a
 * recording of its own with the same settings: the JDK's, JFR's and the agent's classes on these paths are then
 * loaded, initialised and resolved (an event's first commit resolves JFR's classes, and two virtual threads
 * resolving one at once wait, pinned, on the class loader's lock), so the recording sees the steady state, not a
 * one-time wait of a virtual thread for a class that another thread is loading.
 */
public final class VirtualThreadEcho {

    public static final int CLIENTS = 20;

    public static void main(String[] args) throws Exception {
        // Executors.newVirtualThreadPerTaskExecutor() is JDK 21 API; this class compiles for 17.
        ExecutorService virtualThreads =
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        warmUp(Path.of(args[0]));
        try (Recording recording = new Recording(Configuration.create(Path.of(args[0])));
             ServerSocket listener = new ServerSocket(0, CLIENTS, InetAddress.getLoopbackAddress())) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            virtualThreads.submit(() -> acceptLoop(listener, virtualThreads));
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                boolean channel = i % 2 == 0;
                clients.add(virtualThreads.submit(() -> {
                    client(listener.getLocalPort(), channel);
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(20, TimeUnit.SECONDS);
            }
            listener.close();
            virtualThreads.shutdown();
            if (!virtualThreads.awaitTermination(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server connections did not finish");
            }
            recording.stop();
            recording.dump(Path.of(args[1]));
        }
    }

    private static void warmUp(Path settings) throws Exception {
        try (Recording recording = new Recording(Configuration.create(settings));
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            recording.start();
            for (boolean channel : new boolean[] {true, false}) {
                Thread server = new Thread(() -> {
                    try {
                        echo(listener.accept());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                server.start();
                client(listener.getLocalPort(), channel);
                server.join(20_000);
            }
        }
    }

    private static void client(int port, boolean channel) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (channel) {
            try (SocketChannel socket = SocketChannel.open(server)) {
                socket.write(ByteBuffer.wrap(new byte[] {7}));
                socket.read(ByteBuffer.allocate(1));
            }
        } else {
            try (Socket socket = new Socket(server.getAddress(), port)) {
                socket.getOutputStream().write(7);
                socket.getInputStream().read();
            }
        }
    }

    private static Void acceptLoop(ServerSocket listener, ExecutorService virtualThreads) {
        for (int accepted = 0; accepted < CLIENTS; accepted++) {
            try {
                Socket socket = listener.accept();
                virtualThreads.submit(() -> echo(socket));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static Void echo(Socket socket) throws IOException {
        try (socket) {
            for (int b; (b = socket.getInputStream().read()) != -1; ) {
                socket.getOutputStream().write(b);
            }
        }
        return null;
    }
}
