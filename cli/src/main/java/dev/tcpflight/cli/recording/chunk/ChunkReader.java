package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a recording's events chunk after chunk, in the order of the file, as the JDK's {@code RecordingFile} does,
 * a window of a chunk in memory at a time. An event's times are read as it is reached; its other fields only when
 * one is asked for, so the events of other types cost a few bytes' reading. Each chunk's metadata and constants are
 * read before its events. Thread names and stack-trace summaries are derived once per constant and chunk.
 */
public final class ChunkReader<S> implements AutoCloseable {

    /** How much of a chunk is held at a time: JFR's default chunk size. */
    private static final int WINDOW = 12 << 20;

    private final FileChannel channel;
    private final List<ChunkHeader> chunks;
    private final Function<List<JfrFrame>, S> stackSummary;
    private final StringCache strings = new StringCache();
    private final Map<Long, String> threadNames = new HashMap<>();
    private final Map<Long, S> stackSummaries = new HashMap<>();
    private long lastThread;
    private String lastThreadName;
    private final int window;
    private int nextChunk;
    private ChunkHeader chunk;
    /** The chunk whose start times convert every chunk's ticks. */
    private ChunkHeader clock;
    private ChunkInput in;
    private Metadata metadata;
    private ConstantPools constants;
    private double ticksPerNanosecond;
    private int nextEvent;

    private JfrType type;
    private long startTicks;
    private long endTicks;
    private int unreadField;
    private int unreadPosition;
    private long[] numbers = new long[32];
    private Object[] objects = new Object[32];

    private ChunkReader(FileChannel channel, List<ChunkHeader> chunks, Function<List<JfrFrame>, S> stackSummary,
                        int window) {
        this.channel = channel;
        this.window = window;
        this.chunks = chunks;
        this.stackSummary = stackSummary;
    }

    /**
     * A reader of {@code file}, or null when one of its chunks is not for this reader (still being written, cut
     * short, another format version): the JDK's parser reads that file.
     *
     * @param stackSummary what a stack trace is summed up as ({@link #stackSummary()}), derived once per trace
     */
    public static <S> ChunkReader<S> open(Path file, Function<List<JfrFrame>, S> stackSummary)
            throws IOException {
        return open(file, stackSummary, WINDOW);
    }

    /** As {@link #open(Path, Function)}, reading the file {@code window} bytes at a time (tests use small ones). */
    public static <S> ChunkReader<S> open(Path file, Function<List<JfrFrame>, S> stackSummary, int window)
            throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            long size = channel.size();
            List<ChunkHeader> chunks = new ArrayList<>();
            for (long start = 0; start < size; ) {
                ChunkHeader header = ChunkHeader.read(channel, start, size);
                if (header == null) {
                    channel.close();
                    return null;
                }
                chunks.add(header);
                start += header.size();
            }
            if (chunks.isEmpty()) {
                channel.close();
                return null;
            }
            return new ChunkReader<>(channel, List.copyOf(chunks), stackSummary, window);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Moves to the next event; false at the end of the file. */
    public boolean next() throws IOException {
        while (true) {
            if (in == null || nextEvent >= chunk.size()) {
                if (nextChunk == chunks.size()) {
                    return false;
                }
                openChunk(chunks.get(nextChunk++));
            }
            int position = nextEvent;
            in.window(position, ChunkInput.EVENT_HEAD);
            int size = in.readInt();
            if (size <= 0 || size > chunk.size() - position) {
                throw new IOException("an event of " + size + " bytes at byte " + (chunk.start() + position));
            }
            in.window(position, size);
            in.readInt();
            nextEvent = position + size;
            long typeId = in.readLong();
            if (typeId == 0 || typeId == 1) {
                continue; // metadata and checkpoints, read with the chunk
            }
            type = metadata.type(typeId);
            if (type == null) {
                throw new IOException("an event of unknown type id " + typeId + " at byte "
                        + (chunk.start() + position));
            }
            readTimes();
            return true;
        }
    }

    private void openChunk(ChunkHeader header) throws IOException {
        chunk = header;
        in = new ChunkInput(channel, header.start(), (int) header.size(), in == null ? new byte[window] : in.buffer(),
                strings);
        metadata = Metadata.read(in, (int) header.metadata(), metadata);
        constants = ConstantPools.read(in, (int) header.lastCheckpoint(), metadata);
        if (clock == null) {
            // As the JDK's RecordingFile converts: by the first chunk's clock, in whole ticks per nanosecond.
            clock = header;
            ticksPerNanosecond = header.ticksPerSecond() / 1_000_000_000L;
        }
        threadNames.clear();
        stackSummaries.clear();
        lastThread = 0;
        nextEvent = ChunkHeader.SIZE;
    }

    /** Every event begins with its start, most with their duration, both in ticks: read as the event is reached. */
    private void readTimes() {
        List<JfrType.Field> fields = type.fields();
        if (numbers.length < fields.size()) {
            numbers = new long[fields.size()];
            objects = new Object[fields.size()];
        }
        unreadField = 0;
        if (!fields.isEmpty() && fields.get(0).name().equals("startTime")) {
            startTicks = in.readLong();
            numbers[0] = startTicks;
            unreadField = 1;
        }
        endTicks = startTicks;
        if (unreadField == 1 && fields.size() > 1 && fields.get(1).name().equals("duration")) {
            numbers[1] = in.readLong();
            endTicks += numbers[1];
            unreadField = 2;
        }
        unreadPosition = in.position();
    }

    public JfrType type() {
        return type;
    }

    public long startNanos() {
        return nanos(startTicks);
    }

    public long endNanos() {
        return nanos(endTicks);
    }

    private long nanos(long ticks) {
        return clock.startNanos() + (long) ((ticks - clock.startTicks()) / ticksPerNanosecond);
    }

    /** A numeric, boolean (1 or 0) or reference (the constant's key) field's value. */
    public long number(int field) {
        readFields();
        return numbers[field];
    }

    /** A string field's value, null for null. */
    public String text(int field) {
        readFields();
        if (type.fields().get(field).constantPool()) { // a constant of a simple type (a thread state, a GC phase)
            return text(constants.constant(type.fieldType(field).id(), numbers[field]));
        }
        return objects[field] instanceof String text ? text : null;
    }

    /** The Java name of the thread that committed the event; "" for none. */
    public String threadName() {
        long key = reference("eventThread");
        if (key == 0) {
            return "";
        }
        if (key == lastThread) {
            return lastThreadName; // events come in runs, one thread's buffer after another's
        }
        String name = threadNames.get(key);
        if (name == null) {
            Object thread = constants.constant(type.fieldType(type.indexOf("eventThread")).id(), key);
            String javaName = thread instanceof Struct struct ? text(struct.get("javaName")) : null;
            name = javaName == null ? "" : javaName;
            threadNames.put(key, name);
        }
        lastThread = key;
        lastThreadName = name;
        return name;
    }

    /** The event's stack trace summed up, or null when it has none. */
    public S stackSummary() {
        long key = reference("stackTrace");
        if (key == 0) {
            return null;
        }
        S summary = stackSummaries.get(key);
        if (summary == null) {
            Object trace = constants.constant(type.fieldType(type.indexOf("stackTrace")).id(), key);
            if (!(trace instanceof Struct struct)) {
                return null;
            }
            summary = stackSummary.apply(frames(struct));
            stackSummaries.put(key, summary);
        }
        return summary;
    }

    /** The key of a reference field; 0 when the type has no such field. */
    private long reference(String field) {
        int index = type.indexOf(field);
        return index < 0 ? 0 : number(index);
    }

    private List<JfrFrame> frames(Struct trace) {
        List<JfrFrame> frames = new ArrayList<>();
        if (!(trace.get("frames") instanceof Object[] array)) {
            return frames;
        }
        for (Object element : array) {
            if (element instanceof Struct frame && constants.resolve(frame.get("method")) instanceof Struct method) {
                Object type = constants.resolve(method.get("type"));
                String className = type instanceof Struct struct ? text(struct.get("name")) : null;
                String typeName = className == null ? "" : className.replace('/', '.');
                String methodName = text(method.get("name"));
                frames.add(new JfrFrame(typeName, methodName == null ? "" : methodName,
                        frame.get("lineNumber") instanceof Integer line ? line : -1,
                        constants.resolve(method.get("hidden")) instanceof Boolean hidden && hidden));
            }
        }
        return frames;
    }

    private String text(Object value) {
        return constants.resolve(value) instanceof String text ? text : null;
    }

    /**
     * Reads the fields after the times, once per event: numbers and references in one array, others in another. A
     * damaged chunk fails unchecked, as the JDK's parser does.
     */
    private void readFields() {
        List<JfrType.Field> fields = type.fields();
        if (unreadField >= fields.size()) {
            return;
        }
        in.position(unreadPosition);
        try {
            readFields(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unreadField = fields.size();
    }

    private void readFields(List<JfrType.Field> fields) throws IOException {
        for (int i = unreadField; i < fields.size(); i++) {
            switch (type.code(i)) {
                case JfrType.BYTE -> numbers[i] = in.readByte();
                case JfrType.COMPRESSED -> numbers[i] = in.readLong();
                case JfrType.FLOAT -> numbers[i] = in.rawInt();
                case JfrType.DOUBLE -> numbers[i] = in.rawLong();
                case JfrType.STRING -> objects[i] = constants.resolve(in.readString());
                default -> objects[i] = Values.field(in, fields.get(i), type.fieldType(i));
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
