package dev.tcpflight.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM: echo request/response over a fixed set of persistent loopback connections, one client thread
 * each, with {@code java.net} sockets ({@code api=blocking}) or blocking {@code SocketChannel}s against a
 * selector server ({@code api=nio}). Prints throughput and round-trip latency percentiles.
 */
public final class SteadyEcho {

    private SteadyEcho() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        boolean nio = switch (args.text("api")) {
            case "blocking" -> false;
            case "nio" -> true;
            default -> throw new IllegalArgumentException("api=blocking|nio");
        };
        int connections = args.integer("connections");
        int size = args.integer("size");
        try (EchoServer server = nio ? new NioEchoServer(size) : new BlockingEchoServer(size, connections, false)) {
            List<RoundTrip> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                clients.add(nio ? RoundTrip.channel(server.address(), size) : RoundTrip.socket(server.address(), size));
            }
            Window window = args.window();
            Load load = Load.run(window, connections, args.integer("measureMs"),
                    thread -> clients.get(thread).exchange());
            for (RoundTrip client : clients) {
                client.close();
            }
            load.report(window);
        }
    }
}
