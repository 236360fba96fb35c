package dev.tcpflight.bench.workload;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A loopback server that sends back what it receives. */
interface EchoServer extends Closeable {

    InetSocketAddress address();

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a daemon thread that runs {@code body}, ending quietly when the server is closed. */
    static void daemon(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                // the server was closed at the end of the run
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
