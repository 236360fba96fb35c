package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Child program (JDK 21+), one side of N concurrent connections on virtual threads, in two JVMs (each side needs
 * N file descriptors). {@code server N}: prints "port P", serves N connections, one virtual thread each, echoing
 * until the client's EOF. {@code client N P}: N virtual threads connect, wait until all N are connected, then
 * each does one exchange and closes first.
 */
public final class VirtualThreadConnections {

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[1]);
        // Executors.newVirtualThreadPerTaskExecutor() is JDK 21 API; this class compiles for 17.
        ExecutorService virtualThreads =
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        if (args[0].equals("server")) {
            server(connections, virtualThreads);
        } else {
            client(connections, Integer.parseInt(args[2]), virtualThreads);
        }
        virtualThreads.shutdown();
    }

    private static void server(int connections, ExecutorService virtualThreads) throws Exception {
        List<Future<?>> served = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, connections, InetAddress.getLoopbackAddress())) {
            System.out.println("port " + listener.getLocalPort());
            for (int i = 0; i < connections; i++) {
                Socket socket = listener.accept();
                served.add(virtualThreads.submit(() -> echo(socket)));
            }
            for (Future<?> connection : served) {
                connection.get(2, TimeUnit.MINUTES);
            }
        }
        System.out.println("served " + connections);
    }

    private static Void echo(Socket socket) throws IOException {
        try (socket) {
            for (int b; (b = socket.getInputStream().read()) != -1; ) {
                socket.getOutputStream().write(b);
            }
        }
        return null;
    }

    private static void client(int connections, int port, ExecutorService virtualThreads) throws Exception {
        CountDownLatch allConnected = new CountDownLatch(connections);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(virtualThreads.submit(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    allConnected.countDown();
                    if (!allConnected.await(2, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("not all connected");
                    }
                    socket.getOutputStream().write(1);
                    socket.getInputStream().read();
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get(3, TimeUnit.MINUTES);
        }
        System.out.println("connected and closed " + connections);
    }
}
