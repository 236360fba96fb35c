package dev.tcpflight.schema;

import java.util.Optional;

/**
 * The eleven connection states of RFC 793, spelled as in the events' {@code fromState}/{@code toState} and in
 * {@code netstat}, in the order of a connection's life (readers sort by it), CLOSED last.
 */
public enum TcpState implements Vocabulary {
    LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT,
    CLOSED;

    @Override
    public String label() {
        return name();
    }

    /** Empty for a name this version does not know. */
    public static Optional<TcpState> of(String name) {
        return Vocabulary.byLabel(TcpState.class, name);
    }
}
