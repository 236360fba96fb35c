package dev.tcpflight.agent.jmx;

/**
 * One connection in CLOSE_WAIT, as {@link ConnectionsMXBean#getOldestCloseWait} lists it; JMX sees it as a
 * CompositeData of these properties. The connection id is the one of its events in a recording, where the
 * stack traces are.
 */
public final class CloseWaitConnection {

    private final long connectionId;
    private final String role;
    private final String local;
    private final String remote;
    private final long ageMillis;
    private final String foundBy;
    private final String thread;
    private final String code;

    CloseWaitConnection(long connectionId, String role, String local, String remote, long ageMillis,
                        String foundBy, String thread, String code) {
        this.connectionId = connectionId;
        this.role = role;
        this.local = local;
        this.remote = remote;
        this.ageMillis = ageMillis;
        this.foundBy = foundBy;
        this.thread = thread;
        this.code = code;
    }

    public long getConnectionId() {
        return connectionId;
    }

    /** client or server. */
    public String getRole() {
        return role;
    }

    /** host:port */
    public String getLocal() {
        return local;
    }

    /** host:port */
    public String getRemote() {
        return remote;
    }

    /** Since the peer's close was first known. */
    public long getAgeMillis() {
        return ageMillis;
    }

    /** read-eof (the application read the EOF and kept the socket) or fin-found (nobody read it). */
    public String getFoundBy() {
        return foundBy;
    }

    /** The thread that read the EOF, or the agent's own that found the FIN. */
    public String getThread() {
        return thread;
    }

    /**
     * The code that read the EOF ({@code Class.method:line}); "" where nobody read it (fin-found), or where it was
     * read before the MBean was registered (the agent walks the stack for it only once someone can read this).
     */
    public String getCode() {
        return code;
    }
}
