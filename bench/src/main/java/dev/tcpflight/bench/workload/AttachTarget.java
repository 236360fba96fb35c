package dev.tcpflight.bench.workload;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;

/**
 * Child JVM: a running application to attach the agent to. Prints {@value #READY} once it is making a short
 * loopback connection every few milliseconds, and keeps doing so until a line (or end of input) arrives on
 * stdin, or a minute has passed.
 */
public final class AttachTarget {

    public static final String READY = "ready";
    private static final int SIZE = 16;
    private static final int MAX_MS = 60_000;

    private static volatile boolean stop;

    private AttachTarget() {
    }

    public static void main(String[] args) throws Exception {
        EchoServer.daemon("stdin", () -> {
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            stop = true;
        });
        try (EchoServer server = new BlockingEchoServer(SIZE, 1, true)) {
            InetSocketAddress address = server.address();
            Window window = new Window(0, MAX_MS);
            Churn.oneConnection(address, SIZE);
            System.out.println(READY);
            while (!stop && !window.over(System.nanoTime())) {
                Churn.oneConnection(address, SIZE);
                Thread.sleep(2);
            }
        }
    }
}
