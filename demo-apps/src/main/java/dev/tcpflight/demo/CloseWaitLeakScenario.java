package dev.tcpflight.demo;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** The classic server bug: it sees EOF but never closes, so its sockets stay in CLOSE_WAIT. */
public final class CloseWaitLeakScenario extends NarratedScenario {

    private static final int CONNECTIONS = 5;
    /** Long enough for netstat, ss or the agent's kernel sampler to see the leaked sockets. */
    private static final long HOLD_MS = 300;

    private volatile int eofsSeen;

    public CloseWaitLeakScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new CloseWaitLeakScenario(System.out).run();
    }

    @Override
    public String name() {
        return "close-wait-leak";
    }

    @Override
    public String description() {
        return "server reads EOF on " + CONNECTIONS + " connections but never closes them: stuck in CLOSE_WAIT";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(CONNECTIONS, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.server(CONNECTIONS, "ESTABLISHED>CLOSE_WAIT:read-eof"),
                Expect.SOCKETS.listener());
    }

    /** On how many accepted sockets the server read -1, once {@link #run()} has returned. */
    public int eofsSeen() {
        return eofsSeen;
    }

    @Override
    public void run() throws Exception {
        List<Socket> leaked = new ArrayList<>();
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.start("server", () -> {
                for (int i = 1; i <= CONNECTIONS; i++) {
                    Socket socket = Loopback.accept(listener); // never closed: this is the bug being shown
                    leaked.add(socket);
                    Loopback.receiveToEof(socket, "x");
                    eofsSeen = i;
                    say("server: connection " + i + " read -1 (the client's FIN) but is never closed: CLOSE_WAIT");
                }
            });
            say("client: " + CONNECTIONS + " connections, each sends one byte and closes first");
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket client = Loopback.connect(Loopback.address(listener))) {
                    Loopback.send(client, "x");
                }
            }
            server.join();
            say("server: holding " + CONNECTIONS + " sockets in CLOSE_WAIT (try: ss -tan state close-wait)");
            Thread.sleep(HOLD_MS);
            // Reachable until here: a collected socket would be closed by its cleaner and leave CLOSE_WAIT early.
            Reference.reachabilityFence(leaked);
            say("listener: closing; the leaked sockets stay in CLOSE_WAIT until the JVM exits");
        }
    }
}
