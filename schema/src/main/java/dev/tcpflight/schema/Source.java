package dev.tcpflight.schema;

/** How a transition is known: the {@code source} field of {@code tcpflight.StateChange}. */
public enum Source implements Vocabulary {
    /** Seen directly in a JDK call (connect returned, read returned -1, close was called). */
    API("api"),
    /** Implied by a JDK call without being seen itself (the SYN_RECEIVED step of an accept). */
    INFERRED("inferred"),
    /** Seen in the operating system's socket table. */
    KERNEL("kernel");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
