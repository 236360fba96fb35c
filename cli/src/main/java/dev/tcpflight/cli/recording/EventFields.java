package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The fields the decoders read, checked once per event type ({@link #check}) so that a recording of another agent
 * version is reported by the missing field's name instead of failing deep inside a parser. Checking per access
 * (walking the type's fields) was most of the CLI's time on large recordings.
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
    private static final Set<Object> CHECKED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> WORDS = new ConcurrentHashMap<>();
    private static final Map<Object, Set<String>> NAMES = new ConcurrentHashMap<>();

    private EventFields() {
    }

    /** Fails unless {@code event}'s type has every one of {@code fields}; looks at each event type once. */
    static void check(EventView event, List<Field> fields) throws TcpflightException {
        if (CHECKED.contains(event.typeKey())) {
            return;
        }
        Set<Field> present = Set.copyOf(event.fields());
        for (Field field : fields) {
            if (!present.contains(field)) {
                throw new TcpflightException(event.typeName() + " event without " + field.typeName() + " field '"
                        + field.name() + "': recorded by an incompatible tcpflight agent?");
            }
        }
        CHECKED.add(event.typeKey());
    }

    /** Whether {@code event}'s type has {@code field}, one that agents added later; looked up once per type. */
    static boolean has(EventView event, String field) {
        return NAMES.computeIfAbsent(event.typeKey(), type -> event.fields().stream().map(Field::name)
                .collect(Collectors.toUnmodifiableSet())).contains(field);
    }

    /**
     * A field whose values come from a small vocabulary (states, triggers, roles): one shared String per value,
     * which keeps the open connections of a large recording small.
     */
    static String word(EventView event, String field) {
        String value = event.string(field);
        String shared = WORDS.get(value);
        if (shared != null) {
            return shared;
        }
        return WORDS.size() < MAX_WORDS ? WORDS.computeIfAbsent(value, v -> v) : value;
    }
}
