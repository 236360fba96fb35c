package dev.tcpflight.agent.jmx;

import dev.tcpflight.schema.EndCause;

/**
 * Connections ended since the agent started, by end cause, as {@link ConnectionsMXBean#getEnded}: a CompositeData,
 * as {@link StateCounts}.
 */
public final class EndCauseCounts {

    private final long[] counts;

    EndCauseCounts(long[] countsByOrdinal) {
        this.counts = countsByOrdinal.clone();
    }

    public long getLocalClose() {
        return counts[EndCause.LOCAL_CLOSE.ordinal()];
    }

    /** The peer's FIN came first. */
    public long getPeerClose() {
        return counts[EndCause.PEER_CLOSE.ordinal()];
    }

    public long getReset() {
        return counts[EndCause.RESET.ordinal()];
    }

    public long getRefused() {
        return counts[EndCause.REFUSED.ordinal()];
    }

    public long getTimeout() {
        return counts[EndCause.TIMEOUT.ordinal()];
    }

    public long getFailed() {
        return counts[EndCause.FAILED.ordinal()];
    }

    /** Garbage-collected without close(). */
    public long getLeaked() {
        return counts[EndCause.LEAKED.ordinal()];
    }
}
