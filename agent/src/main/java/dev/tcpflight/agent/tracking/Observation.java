package dev.tcpflight.agent.tracking;

/** What the instrumentation saw a socket do; the state machine turns observations into transitions. */
public enum Observation {
    LISTENING("listen"),
    CONNECT_START("connect"),
    CONNECT_OK("connect"),
    CONNECT_REFUSED("connect-refused"),
    CONNECT_TIMEOUT("connect-timeout"),
    CONNECT_FAILED("connect-failed"),
    ACCEPTED("accept"),
    /** A read returned -1 on a socket whose input this side did not shut down: the peer's FIN. */
    READ_EOF("read-eof"),
    /**
     * The kernel holds the peer's FIN, unread by the application: found before a close or shutdown, or by the
     * periodic look at open connections ({@link ConnectionTracker#findPeerCloses}).
     */
    PEER_FIN_FOUND("fin-found"),
    SHUTDOWN_INPUT("shutdown-input"),
    SHUTDOWN_OUTPUT("shutdown-output"),
    CLOSE("close"),
    /** close() with SO_LINGER 0: the kernel sends RST instead of FIN. */
    ABORTIVE_CLOSE("reset"),
    /** "Connection reset" (or a broken pipe after one) on read or write: the peer sent RST. */
    RESET("reset");

    private final String trigger;

    Observation(String trigger) {
        this.trigger = trigger;
    }

    /** The {@code trigger} field of the transitions this observation causes. */
    public String trigger() {
        return trigger;
    }
}
