package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.EndCause;
import java.util.concurrent.atomic.LongAdder;

/** Connections opened and ended since the agent started, for the MBean; counted without contention. */
public final class ConnectionCounts {

    private final LongAdder opened = new LongAdder();
    private final LongAdder[] ended = new LongAdder[EndCause.values().length];

    ConnectionCounts() {
        for (int i = 0; i < ended.length; i++) {
            ended[i] = new LongAdder();
        }
    }

    void opened() {
        opened.increment();
    }

    void ended(EndCause cause) {
        ended[cause.ordinal()].increment();
    }

    /** Sockets tracked so far: connections of both roles, and listeners. */
    public long openedSoFar() {
        return opened.sum();
    }

    public long endedSoFar(EndCause cause) {
        return ended[cause.ordinal()].sum();
    }
}
