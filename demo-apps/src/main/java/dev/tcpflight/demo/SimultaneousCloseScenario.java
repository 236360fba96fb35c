package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/** After one exchange both ends close at the same moment: each thinks it closed first. */
public final class SimultaneousCloseScenario extends NarratedScenario {

    private static final String REQUEST = "ping";
    private static final String REPLY = "pong";

    public SimultaneousCloseScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new SimultaneousCloseScenario(System.out).run();
    }

    @Override
    public String name() {
        return "simultaneous-close";
    }

    @Override
    public String description() {
        return "after one exchange both ends close at once; both take the active-close path (FIN_WAIT_1)";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.server(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        CyclicBarrier closeTogether = new CyclicBarrier(2);
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.serveOne(listener, socket -> {
                Loopback.receive(socket, REQUEST);
                Loopback.send(socket, REPLY);
                say("server: answered '" + REPLY + "'; closing together with the client, without reading again");
                Loopback.await(closeTogether);
            });
            say("client: connecting to " + Loopback.endpoint(Loopback.address(listener)));
            try (Socket client = Loopback.connect(Loopback.address(listener))) {
                Loopback.send(client, REQUEST);
                Loopback.receive(client, REPLY);
                say("client: got '" + REPLY + "'; closing together with the server, without reading again");
                Loopback.await(closeTogether);
            }
            server.join();
        }
    }
}
