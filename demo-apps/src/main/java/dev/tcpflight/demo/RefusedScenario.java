package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/** A connect to a port where nothing listens: the kernel answers the SYN with RST. */
public final class RefusedScenario extends NarratedScenario {

    private volatile ConnectException refusal;

    public RefusedScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new RefusedScenario(System.out).run();
    }

    @Override
    public String name() {
        return "refused";
    }

    @Override
    public String description() {
        return "connect to a port nobody listens on: RST in answer to the SYN, ConnectException";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.listener(),
                Expect.SOCKETS.failedClient("SYN_SENT>CLOSED:connect-refused"));
    }

    /** The exception the connect failed with, once {@link #run()} has returned. */
    public Optional<ConnectException> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void run() throws Exception {
        InetSocketAddress target;
        try (ServerSocket probe = Loopback.listen()) {
            target = Loopback.address(probe);
        }
        say("listener: found free port " + target.getPort() + " by listening on it and closing again");
        say("client: connecting to " + Loopback.endpoint(target));
        try (Socket client = Loopback.connect(target)) {
            throw new IllegalStateException("connected to " + Loopback.endpoint(client.getRemoteSocketAddress())
                    + ": something else listens there now");
        } catch (ConnectException e) {
            refusal = e;
            say("client: " + e + ": the kernel answered the SYN with RST");
        }
    }
}
