package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.Socket;
import java.util.List;

/** The textbook connection: handshake, one echo, the client closes first (active close), the server follows. */
public final class HandshakeAndCloseScenario extends NarratedScenario {

    public HandshakeAndCloseScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new HandshakeAndCloseScenario(System.out).run();
    }

    @Override
    public String name() {
        return "handshake-and-close";
    }

    @Override
    public String description() {
        return "connect, echo 'hello', client closes first: active close on the client, passive on the server";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.server(1, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        EchoServer.serve(1, this::say, server -> {
            say("client: connecting to " + Loopback.endpoint(server));
            try (Socket client = Loopback.connect(server)) {
                Loopback.send(client, "hello");
                say("client: sent 'hello', got '" + Loopback.receive(client, "hello") + "' back");
                say("client: closing first (active close), without reading again");
            }
        });
    }
}
