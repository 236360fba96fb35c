package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Typed access to event fields, checked once per event type ({@link #check}) so that a recording of another agent
 * version is reported by the missing field's name instead of failing deep inside jdk.jfr. Checking per access
 * ({@code RecordedEvent.hasField} walks the type's fields) was most of the CLI's time on large recordings.
 */
final class EventFields {

    /** Beyond this many distinct words something is not a small vocabulary: stop sharing. */
    private static final int MAX_WORDS = 4096;
    private static final Set<EventType> CHECKED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> WORDS = new ConcurrentHashMap<>();

    private EventFields() {
    }

    /** Fails unless {@code event}'s type has every one of {@code fields}; looks at each event type once. */
    static void check(RecordedEvent event, List<String> fields) throws TcpflightException {
        EventType type = event.getEventType();
        if (CHECKED.contains(type)) {
            return;
        }
        Set<String> present = type.getFields().stream().map(ValueDescriptor::getName).collect(Collectors.toSet());
        for (String field : fields) {
            if (!present.contains(field)) {
                throw new TcpflightException(type.getName() + " event without field '" + field
                        + "': recorded by an incompatible tcpflight agent?");
            }
        }
        CHECKED.add(type);
    }

    static String string(RecordedEvent event, String field) {
        String value = event.getString(field);
        return value == null ? "" : value;
    }

    /**
     * A field whose values come from a small vocabulary (states, triggers, roles): one shared String per value,
     * which keeps the open connections of a large recording small.
     */
    static String word(RecordedEvent event, String field) {
        String value = string(event, field);
        String shared = WORDS.get(value);
        if (shared != null) {
            return shared;
        }
        return WORDS.size() < MAX_WORDS ? WORDS.computeIfAbsent(value, v -> v) : value;
    }
}
