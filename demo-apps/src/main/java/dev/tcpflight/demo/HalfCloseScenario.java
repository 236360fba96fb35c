package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** The client ends its request with shutdownOutput() (a FIN) and still reads the reply on the other half. */
public final class HalfCloseScenario extends NarratedScenario {

    private static final String REQUEST = "count words in this";
    private static final String REPLY = "4";

    public HalfCloseScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new HalfCloseScenario(System.out).run();
    }

    @Override
    public String name() {
        return "half-close";
    }

    @Override
    public String description() {
        return "client sends a request then shutdownOutput(); the server reads to EOF, replies on the open half,"
                + " closes";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>FIN_WAIT_1:shutdown-output"),
                Expect.SOCKETS.server(1, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.serveOne(listener, socket -> {
                String request = Loopback.receiveToEof(socket, REQUEST);
                say("server: read '" + request + "', then -1 (CLOSE_WAIT); its own half is still open, replying");
                Loopback.send(socket, REPLY);
                say("server: closing (passive close)");
            });
            say("client: connecting to " + Loopback.endpoint(Loopback.address(listener)));
            try (Socket client = Loopback.connect(Loopback.address(listener))) {
                Loopback.send(client, REQUEST);
                client.shutdownOutput();
                say("client: sent the request, then shutdownOutput(): a FIN that says 'request complete'");
                String reply = Loopback.receiveToEof(client, REPLY);
                say("client: still read the reply '" + reply + "', then -1: both halves are done"
                        + " (TIME_WAIT, in the kernel)");
            }
            server.join();
        }
    }
}
