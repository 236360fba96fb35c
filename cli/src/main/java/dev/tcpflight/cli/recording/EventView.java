package dev.tcpflight.cli.recording;

import java.time.Instant;
import java.util.List;

/**
 * The event a recording's reader is at, as the decoders see it, whichever parser read it: the JDK's
 * ({@link JdkEvents}) or tcpflight's own chunk reader ({@link dev.tcpflight.cli.recording.chunk.ChunkEvents}). Valid
 * until the reader moves on: readers reuse one view for every event.
 */
public interface EventView {

    String typeName();

    /** Stands for the event's type in caches: the same object for every event of the type in one metadata. */
    Object typeKey();

    /** The type's fields, to check once per type that a recording has what the decoders read. */
    List<EventFields.Field> fields();

    Instant startTime();

    Instant endTime();

    /** A {@code long} field the type was checked to have. */
    long longValue(String field);

    /** An {@code int} field the type was checked to have. */
    int intValue(String field);

    /** A string field the type was checked to have; "" for null. */
    String string(String field);

    /** The Java name of the thread that committed the event; "" if none. */
    String threadName();

    /** The event's stack trace; {@link StackTrace#NONE} if it has none. */
    StackTrace stack();
}
