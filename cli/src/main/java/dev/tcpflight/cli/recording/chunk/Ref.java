package dev.tcpflight.cli.recording.chunk;

/** A reference to a constant of the chunk's pool of {@code typeId}. */
record Ref(long typeId, long key) {

    /** Stands for the id of {@code java.lang.String}, whose pool holds the pooled strings. */
    static final long STRING_POOL = -1;
}
