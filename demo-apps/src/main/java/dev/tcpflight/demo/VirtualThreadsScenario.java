package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Blocking java.net sockets on virtual threads (JDK 21+): a thread per connection again, now cheap. The sockets
 * take the same TCP path as on platform threads; only the threads in the recorded stack traces differ.
 */
public final class VirtualThreadsScenario extends NarratedScenario {

    private static final int CLIENTS = 3;

    public VirtualThreadsScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        VirtualThreadsScenario scenario = new VirtualThreadsScenario(System.out);
        Optional<String> unsupported = scenario.unsupportedReason();
        if (unsupported.isPresent()) {
            System.out.println("skipped: " + unsupported.get());
            return;
        }
        scenario.run();
    }

    @Override
    public String name() {
        return "virtual-threads";
    }

    @Override
    public String description() {
        return "blocking Socket echo with a virtual thread per accepted connection and " + CLIENTS
                + " clients on virtual threads (JDK 21+)";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(CLIENTS, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.server(CLIENTS, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public Optional<String> unsupportedReason() {
        return VirtualThreads.unsupportedReason();
    }

    @Override
    public void run() throws Exception {
        ExecutorService virtualThreads = VirtualThreads.newPerTaskExecutor();
        try {
            EchoServer.serve(CLIENTS, this::sayOnThread, virtualThreads, server -> {
                say("client: starting " + CLIENTS + " clients at once, each on its own virtual thread");
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 1; i <= CLIENTS; i++) {
                    String message = "hello " + i;
                    clients.add(virtualThreads.submit(() -> {
                        echo(server, message);
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    Loopback.await(client);
                }
            });
        } finally {
            virtualThreads.shutdown();
        }
    }

    private void echo(InetSocketAddress server, String message) throws Exception {
        try (Socket client = Loopback.connect(server)) {
            Loopback.send(client, message);
            sayOnThread("client: sent '" + message + "', got '" + Loopback.receive(client, message)
                    + "' back; closing first (active close)");
        }
    }

    /** A teaching line that ends with the thread it ran on: "VirtualThread[#31]/runnable@ForkJoinPool-1-worker-2". */
    private void sayOnThread(String line) {
        Thread thread = Thread.currentThread();
        say(line + (VirtualThreads.isVirtual(thread) ? " [" + thread + "]" : ""));
    }
}
