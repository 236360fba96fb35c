package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.Socket;
import java.util.List;

/** Many short connections closed first by the client: each leaves a TIME_WAIT behind on the client side. */
public final class TimeWaitPileupScenario extends NarratedScenario {

    private static final int CONNECTIONS = 20;

    public TimeWaitPileupScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new TimeWaitPileupScenario(System.out).run();
    }

    @Override
    public String name() {
        return "time-wait-pileup";
    }

    @Override
    public String description() {
        return CONNECTIONS + " short connections, each closed first by the client: a pile of TIME_WAIT sockets";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(CONNECTIONS, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.server(CONNECTIONS, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        // The server stays silent: two lines per connection would drown the lesson.
        EchoServer.serve(CONNECTIONS, line -> { }, server -> {
            say("client: " + CONNECTIONS + " connections to " + Loopback.endpoint(server)
                    + " one after another: connect, 'ping', echo, close first");
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket client = Loopback.connect(server)) {
                    Loopback.send(client, "ping");
                    Loopback.receive(client, "ping");
                }
            }
            say("client: done; the active closer keeps each connection in TIME_WAIT for 2 MSL"
                    + " (try: ss -tan state time-wait)");
        });
    }
}
