package dev.tcpflight.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the scenarios' {@link ExpectedEndpoint}s for one family of JDK socket APIs, around the openings that every
 * kind of endpoint shares. The transitions are the same for every family; only the events' {@code socketApi} differs.
 */
final class Expect {

    private static final List<String> CONNECTED = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect");
    private static final List<String> ACCEPTED =
            List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept");

    /** {@code java.net.Socket} and {@code java.net.ServerSocket}. */
    static final Expect SOCKETS = new Expect("java.net.Socket", "java.net.ServerSocket");
    /** {@code SocketChannel} (connected and accepted alike) and {@code ServerSocketChannel}. */
    static final Expect CHANNELS = new Expect("SocketChannel", "ServerSocketChannel");
    /** {@code AsynchronousSocketChannel} and {@code AsynchronousServerSocketChannel}. */
    static final Expect ASYNC_CHANNELS =
            new Expect("AsynchronousSocketChannel", "AsynchronousServerSocketChannel");

    private final String connectionApi;
    private final String listenerApi;

    private Expect(String connectionApi, String listenerApi) {
        this.connectionApi = connectionApi;
        this.listenerApi = listenerApi;
    }

    /** Clients whose connect succeeded, then {@code after}. */
    ExpectedEndpoint client(int count, String... after) {
        return endpoint("client", count, CONNECTED, after);
    }

    /** One client whose connect failed with {@code failure}, e.g. {@code SYN_SENT>CLOSED:connect-refused}. */
    ExpectedEndpoint failedClient(String failure) {
        return ExpectedEndpoint.of("client", connectionApi, 1, "CLOSED>SYN_SENT:connect", failure);
    }

    /** Accepted connections, then {@code after}. */
    ExpectedEndpoint server(int count, String... after) {
        return endpoint("server", count, ACCEPTED, after);
    }

    /** One listener that listens and is closed. */
    ExpectedEndpoint listener() {
        return ExpectedEndpoint.of("listener", listenerApi, 1, "CLOSED>LISTEN:listen", "LISTEN>CLOSED:close");
    }

    private ExpectedEndpoint endpoint(String role, int count, List<String> opening, String... after) {
        List<String> transitions = new ArrayList<>(opening);
        transitions.addAll(List.of(after));
        return new ExpectedEndpoint(role, connectionApi, count, transitions);
    }
}
