package dev.tcpflight.schema;

/**
 * Why no hook saw a socket the kernel lists for the process: the {@code reason} field of
 * {@code tcpflight.UnseenSocket}.
 */
public enum UnseenReason implements Vocabulary {
    /** Made through a path no hook covers: a JNI library, an untraced transport, a descriptor inherited at start. */
    UNHOOKED("unhooked"),
    /**
     * Its ports are outside the agent option {@code ports=}: left untracked on purpose (or unhooked as well: a
     * socket the filter leaves out tells nothing of its path).
     */
    FILTERED("filtered");

    private final String label;

    UnseenReason(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
