package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads tcpflight events from .jfr files into per-connection timelines. Streams each file event by event
 * ({@link RecordingFile}, never the whole file at once) and hands each connection on once it is complete.
 */
public final class RecordingReader {

    private static final String STATE_CHANGE = "tcpflight.StateChange";
    private static final String CONNECTION = "tcpflight.Connection";
    private static final List<String> SOCKET_FIELDS = List.of("connectionId", "role", "socketApi", "localAddress",
            "localPort", "remoteAddress", "remotePort");
    private static final List<String> STATE_CHANGE_FIELDS = concat(SOCKET_FIELDS,
            List.of("sequence", "fromState", "toState", "trigger", "source", "detail"));
    private static final List<String> CONNECTION_FIELDS = concat(SOCKET_FIELDS,
            List.of("bytesRead", "bytesWritten", "finalState", "endCause"));
    private static final int PROGRESS_EVERY = 4096;

    private final List<RecordingSpan> recordings;

    private RecordingReader(List<RecordingSpan> recordings) {
        this.recordings = recordings;
    }

    /** Checks every file up front (exists, is a recording), so that a bad one is reported before any output. */
    public static RecordingReader open(List<Path> files) throws TcpflightException {
        List<RecordingSpan> recordings = new ArrayList<>();
        for (Path file : new LinkedHashSet<>(files)) { // a file given twice would double every transition
            recordings.add(RecordingHeaders.read(file));
        }
        return new RecordingReader(List.copyOf(recordings));
    }

    public List<RecordingSpan> recordings() {
        return recordings;
    }

    /** The start of the earliest recording: what relative times ({@code --since 1.5s}) count from. */
    public Instant start() {
        return recordings.stream().map(RecordingSpan::start).min(Instant::compareTo).orElseThrow();
    }

    /** All connections, ordered by their first transition. Holds them all in memory: for modest recordings. */
    public List<ConnectionTimeline> readAll() throws TcpflightException {
        List<ConnectionTimeline> all = new ArrayList<>();
        scan(Progress.NONE, all::add);
        all.sort(ConnectionTimeline.BY_START);
        return all;
    }

    /**
     * Hands every connection to {@code sink} once it is complete: in about the order they end. Memory: the open
     * connections and those that ended in the last seconds of recording read (see {@link ConnectionAssembler}).
     *
     * @return how many transitions were left out because the file held them too far behind their connection's end
     */
    public long scan(Progress progress, Consumer<ConnectionTimeline> sink) throws TcpflightException {
        long late = 0;
        try {
            for (RecordingSpan recording : recordings) {
                late += scanFile(recording, new ConnectionAssembler(sink, recording.end()), progress);
            }
        } finally {
            progress.done();
        }
        return late;
    }

    /** @return the transitions left out because they came too late (see {@link ConnectionAssembler}) */
    private long scanFile(RecordingSpan recording, ConnectionAssembler assembler, Progress progress)
            throws TcpflightException {
        Path file = recording.file();
        long events = 0;
        long found = 0;
        Instant last = recording.start(); // the latest event read; the recording's end unless it was unfinished
        Iterator<Instant> chunkEnds = recording.chunkEnds().iterator();
        ChunkConstants constants = new ChunkConstants();
        Instant chunkEnd = chunkEnds.next();
        try (RecordingFile in = parse(file, () -> new RecordingFile(file))) {
            for (RecordedEvent event = next(file, in); event != null; event = next(file, in)) {
                Instant time = event.getEndTime();
                // RecordingFile reads chunk after chunk; an event committed after a chunk's end is in a later one.
                while (chunkEnds.hasNext() && time.isAfter(chunkEnd)) {
                    assembler.endOfChunk();
                    constants.clear();
                    chunkEnd = chunkEnds.next();
                }
                if (accept(file, event, assembler, constants)) {
                    found++;
                }
                if (time.isAfter(last)) {
                    last = time;
                    assembler.readUpTo(time);
                }
                if (++events % PROGRESS_EVERY == 0) {
                    progress.update(file, events);
                }
            }
        } catch (IOException e) {
            throw new TcpflightException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (found == 0) {
            throw new TcpflightException("no tcpflight events in " + file
                    + ": was the agent loaded (-javaagent) and tcpflight.jfc used?");
        }
        assembler.endOfFile(last.isAfter(recording.end()) ? last : recording.end());
        return assembler.lateTransitions();
    }

    /** The next event, or null at the end of the file. */
    private static RecordedEvent next(Path file, RecordingFile in) throws TcpflightException {
        return parse(file, () -> in.hasMoreEvents() ? in.readEvent() : null);
    }

    /** What the JDK's parser does; it reports a damaged file with all sorts of exceptions. */
    private static <T> T parse(Path file, Parsing<T> parsing) throws TcpflightException {
        try {
            return parsing.run();
        } catch (IOException | RuntimeException e) {
            throw new TcpflightException(file + " is truncated or corrupt ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private interface Parsing<T> {
        T run() throws IOException;
    }

    private static boolean accept(Path file, RecordedEvent event, ConnectionAssembler assembler,
                                  ChunkConstants constants) throws TcpflightException {
        String type = event.getEventType().getName();
        try {
            if (STATE_CHANGE.equals(type)) {
                EventFields.check(event, STATE_CHANGE_FIELDS);
                ConnectionKey key = key(file, event);
                assembler.transition(key, transition(event, constants, assembler.socketOf(key)));
                return true;
            }
            if (CONNECTION.equals(type)) {
                EventFields.check(event, CONNECTION_FIELDS);
                assembler.end(key(file, event), end(event));
                return true;
            }
            return false;
        } catch (TcpflightException e) {
            throw new TcpflightException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    private static ConnectionKey key(Path file, RecordedEvent event) {
        return new ConnectionKey(file, event.getLong("connectionId"));
    }

    /** @param previous the connection's endpoints as of its previous event, reused when its ports are the same */
    private static Transition transition(RecordedEvent e, ChunkConstants constants, SocketInfo previous) {
        return new Transition(e.getStartTime(), e.getInt("sequence"),
                EventFields.word(e, "fromState"), EventFields.word(e, "toState"),
                EventFields.word(e, "trigger"), EventFields.word(e, "source"), EventFields.string(e, "detail"),
                constants.threadName(e.getThread()), constants.topApplicationFrame(e.getStackTrace()),
                sameSocket(e, previous) ? previous : socket(e));
    }

    /**
     * Whether the event names the endpoints {@code previous} holds. Only the ports can change within a connection
     * (the local one is not known before a connect): reading two fields instead of six matters, as each named
     * field read walks the event's fields.
     */
    private static boolean sameSocket(RecordedEvent e, SocketInfo previous) {
        return previous != null && previous.local().port() == e.getInt("localPort")
                && previous.remote().port() == e.getInt("remotePort");
    }

    private static ConnectionEnd end(RecordedEvent e) {
        return new ConnectionEnd(e.getStartTime(), e.getDuration(),
                e.getLong("bytesRead"), e.getLong("bytesWritten"),
                EventFields.word(e, "finalState"), EventFields.word(e, "endCause"), socket(e));
    }

    private static SocketInfo socket(RecordedEvent e) {
        return new SocketInfo(EventFields.word(e, "role"), EventFields.word(e, "socketApi"),
                new Endpoint(EventFields.string(e, "localAddress"), e.getInt("localPort")),
                new Endpoint(EventFields.string(e, "remoteAddress"), e.getInt("remotePort")));
    }
}
