package dev.tcpflight.cli.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A recording read by the JDK's own parser ({@link RecordingFile}): for the files tcpflight's chunk reader leaves
 * to it (a chunk still being written, a format it does not know), and the reference the chunk reader is held to.
 */
final class JdkEvents implements EventSource {

    private final RecordingFile in;
    private final ChunkConstants constants = new ChunkConstants();
    private final View view = new View();

    JdkEvents(Path file) throws IOException {
        in = new RecordingFile(file);
    }

    @Override
    public EventView next() throws IOException {
        if (!in.hasMoreEvents()) {
            return null;
        }
        view.event = in.readEvent();
        return view;
    }

    /** The JDK's parser makes new constant objects for the next chunk: what was derived from these is stale. */
    @Override
    public void endOfChunk() {
        constants.clear();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Fields are read with {@code getValue}, one walk of the type's fields and a cast, where {@code getString}
     * takes two and {@code getInt} looks at the field's annotations.
     */
    private final class View implements EventView {

        private RecordedEvent event;

        @Override
        public String typeName() {
            return event.getEventType().getName();
        }

        @Override
        public Object typeKey() {
            return event.getEventType();
        }

        @Override
        public List<EventFields.Field> fields() {
            EventType type = event.getEventType();
            return type.getFields().stream().map(f -> new EventFields.Field(f.getName(), f.getTypeName())).toList();
        }

        @Override
        public Instant startTime() {
            return event.getStartTime();
        }

        @Override
        public Instant endTime() {
            return event.getEndTime();
        }

        @Override
        public long longValue(String field) {
            return (Long) event.getValue(field);
        }

        @Override
        public int intValue(String field) {
            return (Integer) event.getValue(field);
        }

        @Override
        public String string(String field) {
            Object value = event.getValue(field);
            return value == null ? "" : (String) value;
        }

        @Override
        public String threadName() {
            return constants.threadName((RecordedThread) event.getValue("eventThread"));
        }

        @Override
        public StackTrace stack() {
            return constants.stack((RecordedStackTrace) event.getValue("stackTrace"));
        }
    }
}
