package dev.tcpflight.demo;

import java.util.ArrayList;
import java.util.List;

/** Builds the scenarios' {@link ExpectedEndpoint}s around the openings that every kind of endpoint shares. */
final class Expect {

    private static final String SOCKET = "java.net.Socket";
    private static final String SERVER_SOCKET = "java.net.ServerSocket";

    private Expect() {
    }

    /** Clients whose connect succeeded, then {@code after}. */
    static ExpectedEndpoint client(int count, String... after) {
        return endpoint("client", count, List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect"), after);
    }

    /** One client whose connect failed with {@code failure}, e.g. {@code SYN_SENT>CLOSED:connect-refused}. */
    static ExpectedEndpoint failedClient(String failure) {
        return ExpectedEndpoint.of("client", SOCKET, 1, "CLOSED>SYN_SENT:connect", failure);
    }

    /** Accepted sockets, then {@code after}. */
    static ExpectedEndpoint server(int count, String... after) {
        return endpoint("server", count, List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept"), after);
    }

    /** One listener that listens and is closed. */
    static ExpectedEndpoint listener() {
        return ExpectedEndpoint.of("listener", SERVER_SOCKET, 1, "CLOSED>LISTEN:listen", "LISTEN>CLOSED:close");
    }

    private static ExpectedEndpoint endpoint(String role, int count, List<String> opening, String... after) {
        List<String> transitions = new ArrayList<>(opening);
        transitions.addAll(List.of(after));
        return new ExpectedEndpoint(role, SOCKET, count, transitions);
    }
}
