package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** An abortive close: SO_LINGER 0 makes close() send RST, and the peer's blocked read fails. */
public final class ResetScenario extends NarratedScenario {

    private volatile SocketException serverError;

    public ResetScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new ResetScenario(System.out).run();
    }

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String description() {
        return "client closes with SO_LINGER 0 (RST); the server's blocked read fails with 'Connection reset'";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>CLOSED:abortive-close"),
                Expect.SOCKETS.server(1, "ESTABLISHED>CLOSED:reset"),
                Expect.SOCKETS.listener());
    }

    /** What the server's read threw, once {@link #run()} has returned. */
    public Optional<SocketException> serverError() {
        return Optional.ofNullable(serverError);
    }

    @Override
    public void run() throws Exception {
        // Counted down just before read(): a RST that wins that race is still reported by the read, so no sleep.
        CountDownLatch serverReading = new CountDownLatch(1);
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: listening on " + Loopback.endpoint(Loopback.address(listener)));
            Peer server = Peer.serveOne(listener, socket -> {
                say("server: blocking in read(), waiting for a request");
                serverReading.countDown();
                try {
                    int read = socket.getInputStream().read();
                    throw new IllegalStateException("expected a reset, but read() returned " + read);
                } catch (SocketException e) {
                    if (!"Connection reset".equals(e.getMessage())) {
                        throw e;
                    }
                    serverError = e;
                    say("server: read() threw " + e + ": a RST, not a FIN, so no EOF and no CLOSE_WAIT");
                }
                say("server: closing a socket that is already gone");
            });
            say("client: connecting to " + Loopback.endpoint(Loopback.address(listener)));
            try (Socket client = Loopback.connect(Loopback.address(listener))) {
                Loopback.await(serverReading);
                client.setSoLinger(true, 0);
                say("client: setSoLinger(true, 0), then close(): sends RST, skipping the FIN exchange and TIME_WAIT");
            }
            server.join();
        }
    }
}
