package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** Request, reply, and the server closes first: the client learns it from read() returning -1. */
public final class ServerClosesFirstScenario extends NarratedScenario {

    private static final String REQUEST = "GET /time";
    private static final String REPLY = "12:00";

    public ServerClosesFirstScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new ServerClosesFirstScenario(System.out).run();
    }

    @Override
    public String name() {
        return "server-closes-first";
    }

    @Override
    public String description() {
        return "server replies and closes first; the client reads EOF (CLOSE_WAIT) and then closes (LAST_ACK)";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.SOCKETS.server(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.serveOne(listener, socket -> {
                say("server: got '" + Loopback.receive(socket, REQUEST) + "', replying '" + REPLY + "'");
                Loopback.send(socket, REPLY);
                say("server: closing first (active close)");
            });
            say("client: connecting to " + Loopback.endpoint(Loopback.address(listener)));
            try (Socket client = Loopback.connect(Loopback.address(listener))) {
                Loopback.send(client, REQUEST);
                String reply = Loopback.receiveToEof(client, REPLY);
                say("client: read '" + reply + "', then -1: the server's FIN, so this side is in CLOSE_WAIT");
                say("client: closing (passive close)");
            }
            server.join();
        }
    }
}
