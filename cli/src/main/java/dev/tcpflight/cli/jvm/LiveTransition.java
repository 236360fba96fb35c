package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.recording.Endpoint;
import java.time.Instant;
import java.util.Comparator;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** One {@code tcpflight.StateChange} event as {@code watch} gets it (shown by {@code render.WatchDisplay}). */
public record LiveTransition(Instant time, long connectionId, int sequence, String role, Endpoint local,
                             Endpoint remote, String fromState, String toState, String trigger, String source,
                             String thread) {

    static final String EVENT = "tcpflight.StateChange";

    /** In the order they happened; a connection's own transitions by their sequence numbers. */
    public static final Comparator<LiveTransition> ORDER = Comparator.comparing(LiveTransition::time)
            .thenComparingLong(LiveTransition::connectionId).thenComparingInt(LiveTransition::sequence);

    /** The time is the event's start, as in the other commands (a connect's CLOSED → SYN_SENT spans it). */
    static LiveTransition of(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return new LiveTransition(event.getStartTime(), longField(event, "connectionId"),
                (int) longField(event, "sequence"), text(event, "role"),
                new Endpoint(text(event, "localAddress"), (int) longField(event, "localPort")),
                new Endpoint(text(event, "remoteAddress"), (int) longField(event, "remotePort")),
                text(event, "fromState"), text(event, "toState"), text(event, "trigger"), text(event, "source"),
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
