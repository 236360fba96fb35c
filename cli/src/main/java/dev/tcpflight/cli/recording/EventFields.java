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
 * ({@code RecordedEvent.hasField} walks the type's fields) was most of the CLI's time on large recordings; for the
 * same reason fields are read with {@code getValue}, one walk and a cast, where {@code getString} takes two and
 * {@code getInt} looks at the field's annotations.
 */
final class EventFields {

    /** A field an event type must have. */
    record Field(String name, String typeName) {

        static Field text(String name) {
            return new Field(name, String.class.getName());
        }
    }

    /** Beyond this many distinct words something is not a small vocabulary: stop sharing. */
    private static final int MAX_WORDS = 4096;
    private static final Set<EventType> CHECKED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> WORDS = new ConcurrentHashMap<>();
    private static final Map<EventType, Set<String>> NAMES = new ConcurrentHashMap<>();

    private EventFields() {
    }

    /** Fails unless {@code event}'s type has every one of {@code fields}; looks at each event type once. */
    static void check(RecordedEvent event, List<Field> fields) throws TcpflightException {
        EventType type = event.getEventType();
        if (CHECKED.contains(type)) {
            return;
        }
        Set<Field> present = type.getFields().stream().map(f -> new Field(f.getName(), f.getTypeName()))
                .collect(Collectors.toSet());
        for (Field field : fields) {
            if (!present.contains(field)) {
                throw new TcpflightException(type.getName() + " event without " + field.typeName() + " field '"
                        + field.name() + "': recorded by an incompatible tcpflight agent?");
            }
        }
        CHECKED.add(type);
    }

    /** Whether {@code event}'s type has {@code field}, one that agents added later; looked up once per type. */
    static boolean has(RecordedEvent event, String field) {
        return NAMES.computeIfAbsent(event.getEventType(), type -> type.getFields().stream()
                .map(ValueDescriptor::getName).collect(Collectors.toUnmodifiableSet())).contains(field);
    }

    /** A long field that {@link #check} found (unlike {@code getLong}, no look for an unsigned annotation). */
    static long longValue(RecordedEvent event, String field) {
        return (Long) event.getValue(field);
    }

    /** An int field that {@link #check} found. */
    static int intValue(RecordedEvent event, String field) {
        return (Integer) event.getValue(field);
    }

    /** A string field that {@link #check} found; "" for null. */
    static String string(RecordedEvent event, String field) {
        Object value = event.getValue(field);
        return value == null ? "" : (String) value;
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
