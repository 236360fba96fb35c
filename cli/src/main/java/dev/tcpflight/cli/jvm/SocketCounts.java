package dev.tcpflight.cli.jvm;

import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;

/** One {@code tcpflight.SocketStates} event: how many sockets the JVM holds in each state. */
public record SocketCounts(Instant time, long tracked, long listen, long synSent, long established, long finWait1,
                           long closeWait, long lastAck, long other, long agentErrors) {

    static final String EVENT = "tcpflight.SocketStates";

    static SocketCounts of(RecordedEvent event) {
        return new SocketCounts(event.getEndTime(), count(event, "tracked"), count(event, "listen"),
                count(event, "synSent"), count(event, "established"), count(event, "finWait1"),
                count(event, "closeWait"), count(event, "lastAck"), count(event, "other"),
                count(event, "agentErrors"));
    }

    private static long count(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getLong(field) : 0;
    }
}
