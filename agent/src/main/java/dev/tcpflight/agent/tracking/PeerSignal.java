package dev.tcpflight.agent.tracking;

/** What the kernel holds from the peer that the application has not read yet. */
public enum PeerSignal {
    /** Nothing from the peer's side of the close: the connection is open both ways, as far as the kernel knows. */
    NONE,
    /** Bytes are waiting unread, and no FIN behind them yet: closing now would send RST. */
    DATA,
    /** The peer's FIN has arrived: the kernel's state is CLOSE_WAIT, whether or not the EOF was read. */
    FIN,
    /** The peer's RST has arrived: the kernel's state is CLOSED. */
    RESET,
    /** The platform cannot tell (not Linux) or the socket is already closed. */
    UNKNOWN
}
