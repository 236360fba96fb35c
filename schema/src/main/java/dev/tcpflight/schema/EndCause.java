package dev.tcpflight.schema;

/** Why a connection ended: the {@code endCause} field of {@code tcpflight.Connection}. */
public enum EndCause implements Vocabulary {
    LOCAL_CLOSE("local-close"),
    PEER_CLOSE("peer-close"),
    RESET("reset"),
    REFUSED("refused"),
    TIMEOUT("timeout"),
    FAILED("failed"),
    /** The socket object was garbage-collected without close(). */
    LEAKED("leaked");

    private final String label;

    EndCause(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
