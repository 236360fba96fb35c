package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Child program for the agent's safety tests.
 * {@code churn N}: N connections one after another, each a 1-byte exchange, the client aborting (SO_LINGER 0, so
 * no TIME_WAIT piles up), then {@link #DROPPED} connected clients dropped without close() and collected; prints
 * the heap used after warm-up and after the churn (both after GC).
 * {@code threads T N}: T platform threads each making N connections at once to four listeners, client closes
 * first; prints the totals.
 */
public final class ManyConnections {

    public static final int DROPPED = 20;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "churn" -> churn(Integer.parseInt(args[1]));
            case "threads" -> threads(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void churn(int connections) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 2_000; i++) {
                exchange(listener, true);
            }
            long before = usedHeapAfterGc();
            for (int i = 0; i < connections; i++) {
                exchange(listener, true);
            }
            long after = usedHeapAfterGc();
            System.out.println("heap used after warm-up: " + before);
            System.out.println("heap used after churn: " + after);
            dropWithoutClose(listener);
            exchange(listener, true); // a new socket: the agent reports what the collector reclaimed
        }
        Thread.sleep(1_200); // one more tcpflight.SocketStates sample (every second), now that all is closed
    }

    /** Connects {@link #DROPPED} clients, forgets them, and waits until the collector has reclaimed them. */
    private static void dropWithoutClose(ServerSocket listener) throws Exception {
        List<WeakReference<Socket>> dropped = new ArrayList<>();
        for (int i = 0; i < DROPPED; i++) {
            Socket client = openLeakedClient(listener);
            dropped.add(new WeakReference<>(client));
            listener.accept().close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (dropped.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        Thread.sleep(100); // the reference handler thread enqueues the agent's references right after clearing
    }

    /** The line the leaked sockets were opened at: what their first recorded transition must point to. */
    private static Socket openLeakedClient(ServerSocket listener) throws IOException {
        return new Socket(listener.getInetAddress(), listener.getLocalPort());
    }

    private static void exchange(ServerSocket listener, boolean abort) throws IOException {
        try (Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            client.getOutputStream().write(1);
            server.getOutputStream().write(server.getInputStream().read());
            client.getInputStream().read();
            if (abort) {
                client.setSoLinger(true, 0);
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void threads(int threads, int perThread) throws Exception {
        List<ServerSocket> listeners = new ArrayList<>();
        ExecutorService servers = Executors.newCachedThreadPool();
        for (int i = 1; i <= 4; i++) {
            // Four listener addresses: client ports can be reused per destination while TIME_WAIT lasts.
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + i), 0), 1_000);
            listeners.add(listener);
            for (int s = 0; s < threads / 4; s++) {
                servers.submit(() -> serve(listener));
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ServerSocket target = listeners.get(t % listeners.size());
            done.add(clients.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    try (Socket client = new Socket(target.getInetAddress(), target.getLocalPort())) {
                        client.getOutputStream().write(1);
                        client.getInputStream().read();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        servers.shutdown();
        if (!servers.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("servers still busy");
        }
        System.out.println("connections: " + threads * perThread);
    }

    /** Echoes one byte per connection and closes after the client's EOF, until the listener closes. */
    private static Void serve(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                socket.getOutputStream().write(socket.getInputStream().read());
                if (socket.getInputStream().read() != -1) {
                    throw new IllegalStateException("expected EOF");
                }
            } catch (IOException closed) {
                if (!listener.isClosed()) {
                    throw new IllegalStateException(closed);
                }
            }
        }
        return null;
    }
}
