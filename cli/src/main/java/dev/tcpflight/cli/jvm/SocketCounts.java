package dev.tcpflight.cli.jvm;

import dev.tcpflight.schema.events.Fields;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;

/** One {@code tcpflight.SocketStates} event: how many sockets the JVM holds in each state. */
public record SocketCounts(Instant time, long tracked, long listen, long synSent, long established, long finWait1,
                           long closeWait, long lastAck, long other, long agentErrors) {

    static SocketCounts of(RecordedEvent event) {
        return new SocketCounts(event.getEndTime(), count(event, Fields.TRACKED), count(event, Fields.LISTEN),
                count(event, Fields.SYN_SENT), count(event, Fields.ESTABLISHED), count(event, Fields.FIN_WAIT1),
                count(event, Fields.CLOSE_WAIT), count(event, Fields.LAST_ACK), count(event, Fields.OTHER),
                count(event, Fields.AGENT_ERRORS));
    }

    private static long count(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getLong(field) : 0;
    }
}
