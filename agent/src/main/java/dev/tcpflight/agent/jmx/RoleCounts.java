package dev.tcpflight.agent.jmx;

import dev.tcpflight.schema.Role;

/** Sockets tracked now by role, as {@link ConnectionsMXBean#getRoles}: a CompositeData, as {@link StateCounts}. */
public final class RoleCounts {

    private final int[] counts;

    RoleCounts(int[] countsByOrdinal) {
        this.counts = countsByOrdinal.clone();
    }

    public int getClient() {
        return counts[Role.CLIENT.ordinal()];
    }

    /** Accepted sockets. */
    public int getServer() {
        return counts[Role.SERVER.ordinal()];
    }

    public int getListener() {
        return counts[Role.LISTENER.ordinal()];
    }
}
