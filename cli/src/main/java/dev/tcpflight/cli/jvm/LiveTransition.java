package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.schema.events.Fields;
import java.time.Instant;
import java.util.Comparator;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** One {@code tcpflight.StateChange} event as {@code watch} gets it (shown by {@code render.WatchDisplay}). */
public record LiveTransition(Instant time, long connectionId, int sequence, String role, Endpoint local,
                             Endpoint remote, String fromState, String toState, String trigger, String source,
                             String thread) {

    /** In the order they happened; a connection's own transitions by their sequence numbers. */
    public static final Comparator<LiveTransition> ORDER = Comparator.comparing(LiveTransition::time)
            .thenComparingLong(LiveTransition::connectionId).thenComparingInt(LiveTransition::sequence);

    /** The time is the event's start, as in the other commands (a connect's CLOSED → SYN_SENT spans it). */
    static LiveTransition of(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return new LiveTransition(event.getStartTime(), longField(event, Fields.CONNECTION_ID),
                (int) longField(event, Fields.SEQUENCE), text(event, Fields.ROLE),
                new Endpoint(text(event, Fields.LOCAL_ADDRESS), (int) longField(event, Fields.LOCAL_PORT)),
                new Endpoint(text(event, Fields.REMOTE_ADDRESS), (int) longField(event, Fields.REMOTE_PORT)),
                text(event, Fields.FROM_STATE), text(event, Fields.TO_STATE), text(event, Fields.TRIGGER), text(
                        event, Fields.SOURCE),
                thread == null || thread.getJavaName() == null ? "" : thread.getJavaName());
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
