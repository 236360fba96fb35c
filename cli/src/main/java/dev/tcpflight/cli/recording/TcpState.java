package dev.tcpflight.cli.recording;

import java.util.Optional;

/** The RFC 793 states, as the agent names them in {@code fromState}/{@code toState}. */
public enum TcpState {
    LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT,
    CLOSED;

    /** Empty for a name this CLI does not know (a newer agent may add states: show them, do not fail). */
    public static Optional<TcpState> of(String name) {
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
