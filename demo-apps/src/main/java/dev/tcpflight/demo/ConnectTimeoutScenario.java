package dev.tcpflight.demo;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A listener that never accepts: once its backlog is full the kernel drops SYNs and connects time out. */
public final class ConnectTimeoutScenario extends NarratedScenario {

    private static final int CONNECT_TIMEOUT_MS = 300;
    private static final int MAX_ATTEMPTS = 16;

    private volatile int fillers;
    private volatile SocketTimeoutException timeout;

    public ConnectTimeoutScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new ConnectTimeoutScenario(System.out).run();
    }

    @Override
    public String name() {
        return "connect-timeout";
    }

    @Override
    public String description() {
        return "fill the backlog of a listener that never accepts until a connect times out in SYN_SENT";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                // How many connects fit in the backlog is the kernel's choice (2 for backlog 1 on Linux).
                Expect.SOCKETS.client(ExpectedEndpoint.AT_LEAST_ONE, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.failedClient("SYN_SENT>CLOSED:connect-timeout"),
                Expect.SOCKETS.listener());
    }

    /** How many connects succeeded into the backlog, once {@link #run()} has returned. */
    public int fillers() {
        return fillers;
    }

    /** The exception the last connect failed with, once {@link #run()} has returned. */
    public Optional<SocketTimeoutException> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public void run() throws Exception {
        List<Socket> connected = new ArrayList<>();
        try (ServerSocket listener = Loopback.listen(1)) {
            InetSocketAddress target = Loopback.address(listener);
            say("listener: backlog 1 on " + Loopback.endpoint(target) + ", never calling accept()");
            try {
                timeout = connectUntilTimeout(target, connected);
                fillers = connected.size();
            } finally {
                say("client: closing the " + connected.size() + " queued connections, then the listener");
                for (Socket socket : connected) {
                    socket.close();
                }
            }
        }
    }

    private SocketTimeoutException connectUntilTimeout(InetSocketAddress target, List<Socket> connected)
            throws Exception {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                connected.add(Loopback.connect(target, CONNECT_TIMEOUT_MS));
                say("client " + attempt + ": connected; the kernel queued it in the backlog, nobody accepts it");
            } catch (SocketTimeoutException e) {
                say("client " + attempt + ": " + e + " after " + CONNECT_TIMEOUT_MS
                        + " ms: backlog full, the kernel dropped the SYN");
                return e;
            }
        }
        throw new IllegalStateException("no connect timed out in " + MAX_ATTEMPTS
                + " attempts: this OS queued them all despite backlog 1");
    }
}
