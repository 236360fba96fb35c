package dev.tcpflight.bench.workload;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Child JVM: connection churn over loopback. Each operation connects, sends one message, reads the echo, reads
 * the server's FIN and closes (the server closes first, so TIME_WAIT stays on the server's side and never
 * exhausts the client's ephemeral ports). Prints connections per second and their latency percentiles.
 */
public final class Churn {

    private Churn() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        int clients = args.integer("clients");
        int size = args.integer("size");
        try (EchoServer server = new BlockingEchoServer(size, clients, true)) {
            InetSocketAddress address = server.address();
            Window window = args.window();
            Load.run(window, clients, args.integer("measureMs"), thread -> oneConnection(address, size))
                    .report(window);
        }
    }

    static void oneConnection(InetSocketAddress server, int size) throws IOException {
        try (RoundTrip.SocketClient client = RoundTrip.socket(server, size)) {
            client.exchange();
            if (!client.serverClosed()) {
                throw new IOException("the server sent more than the echo");
            }
        }
    }
}
