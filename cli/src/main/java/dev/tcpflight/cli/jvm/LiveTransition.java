package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.schema.events.Fields;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** One {@code tcpflight.StateChange} event as {@code watch} gets it (shown by {@code render.WatchDisplay}). */
public record LiveTransition(Instant time, long connectionId, int sequence, String role, Endpoint local,
                             Endpoint remote, String fromState, String toState, String trigger, String source,
                             String thread) {

    /** In the order they happened; a connection's own transitions by their sequence numbers. */
    public static final Comparator<LiveTransition> ORDER = Comparator.comparing(LiveTransition::time)
            .thenComparingLong(LiveTransition::connectionId).thenComparingInt(LiveTransition::sequence);

    /**
     * The event's transitions, at its start as in the other commands (a connect's CLOSED → SYN_SENT spans the
     * call); an event with a via state (a connect's or an accept's two steps) is two, the second at its end.
     */
    static List<LiveTransition> of(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        String threadName = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        long id = longField(event, Fields.CONNECTION_ID);
        int sequence = (int) longField(event, Fields.SEQUENCE);
        String role = text(event, Fields.ROLE);
        Endpoint local = new Endpoint(text(event, Fields.LOCAL_ADDRESS), (int) longField(event, Fields.LOCAL_PORT));
        Endpoint remote = new Endpoint(text(event, Fields.REMOTE_ADDRESS),
                (int) longField(event, Fields.REMOTE_PORT));
        String from = text(event, Fields.FROM_STATE);
        String via = text(event, Fields.VIA_STATE);
        String to = text(event, Fields.TO_STATE);
        String trigger = text(event, Fields.TRIGGER);
        String source = text(event, Fields.SOURCE);
        if (via.isEmpty()) {
            return List.of(new LiveTransition(event.getStartTime(), id, sequence, role, local, remote, from, to,
                    trigger, source, threadName));
        }
        return List.of(new LiveTransition(event.getStartTime(), id, sequence, role, local, remote, from, via,
                        trigger, text(event, Fields.VIA_SOURCE), threadName),
                new LiveTransition(event.getEndTime(), id, sequence + 1, role, local, remote, via, to, trigger,
                        source, threadName));
    }

    // A field a newer or older agent lacks is shown empty rather than failing the whole view.
    private static String text(RecordedEvent event, String field) {
        String value = event.hasField(field) ? event.getString(field) : null;
        return value == null ? "" : value;
    }

    private static long longField(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getLong(field) : 0;
    }
}
