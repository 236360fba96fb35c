package dev.tcpflight.schema;

/** What moved a connection from one state to another: the {@code trigger} field of {@code tcpflight.StateChange}. */
public enum Trigger implements Vocabulary {
    LISTEN("listen"),
    CONNECT("connect"),
    CONNECT_REFUSED("connect-refused"),
    CONNECT_TIMEOUT("connect-timeout"),
    CONNECT_FAILED("connect-failed"),
    ACCEPT("accept"),
    /** A read returned -1: the peer's FIN, read by the application. */
    READ_EOF("read-eof"),
    /** The peer's FIN found waiting in the kernel, unread: before a close or shutdown, or by the periodic look. */
    FIN_FOUND("fin-found"),
    SHUTDOWN_OUTPUT("shutdown-output"),
    CLOSE("close"),
    /** The peer's RST: "Connection reset" on a read or write, or found waiting in the kernel. */
    RESET("reset"),
    /**
     * close() with SO_LINGER 0: this side sent RST instead of FIN. Agents before 0.2 wrote {@code reset} with
     * the detail "SO_LINGER 0" instead.
     */
    ABORTIVE_CLOSE("abortive-close"),
    /** Seen in the operating system's socket table. */
    KERNEL("kernel"),
    /** A socket open before the agent was attached, first touched by the application now. */
    FIRST_SEEN("first-seen");

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
