package dev.tcpflight.agent.tracking;

/** The eleven connection states of RFC 793, spelled as in the JFR events and in {@code netstat}. */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED,
    FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT
}
