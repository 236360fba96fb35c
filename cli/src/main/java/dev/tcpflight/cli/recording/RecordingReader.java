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

/**
 * Reads tcpflight events from .jfr files into per-connection timelines. Streams each file event by event (never the
 * whole file at once) and hands each connection on once it is complete.
 */
public final class RecordingReader {

    private static final int PROGRESS_EVERY = 4096;
    /** {@code -Dtcpflight.parser=jdk}: read every file with the JDK's parser, as a check on tcpflight's own. */
    static final String PARSER_PROPERTY = "tcpflight.parser";

    private final List<RecordingSpan> recordings;
    private KernelOnlySockets besides = new KernelOnlySockets();
    private long connections;

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

    /** What the last scan found besides the connections: the agent's presence, sockets seen only by the kernel. */
    public KernelOnlySockets besides() {
        return besides;
    }

    /** How many connections the last scan found, before any filter. */
    public long connections() {
        return connections;
    }

    /** The start of the earliest recording: what relative times ({@code --since 1.5s}) count from. */
    public Instant start() {
        return recordings.stream().map(RecordingSpan::start).min(Instant::compareTo).orElseThrow();
    }

    /** The end of the latest recording. */
    public Instant end() {
        return recordings.stream().map(RecordingSpan::end).max(Instant::compareTo).orElseThrow();
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
        besides = new KernelOnlySockets();
        connections = 0;
        Consumer<ConnectionTimeline> counted = connection -> {
            connections++;
            sink.accept(connection);
        };
        try {
            for (RecordingSpan recording : recordings) {
                late += scanFile(recording, new ConnectionAssembler(counted, recording.end()), progress);
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
        Instant chunkEnd = chunkEnds.next();
        EventDecoder decoder = new EventDecoder(file);
        try (EventSource in = open(file)) {
            for (EventView event = in.next(); event != null; event = in.next()) {
                Instant time = event.endTime();
                // Events are read chunk after chunk; an event committed after a chunk's end is in a later one.
                while (chunkEnds.hasNext() && time.isAfter(chunkEnd)) {
                    assembler.endOfChunk();
                    in.endOfChunk();
                    chunkEnd = chunkEnds.next();
                }
                if (decoder.decode(event, assembler)) {
                    found++;
                } else {
                    besides.take(file, event);
                }
                if (time.isAfter(last)) {
                    last = time;
                    assembler.readUpTo(time);
                }
                if (++events % PROGRESS_EVERY == 0) {
                    progress.update(file, events);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Either parser reports a damaged file with all sorts of exceptions.
            throw new TcpflightException(file + " is truncated or corrupt ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (found == 0 && !besides.agentWasThere(file)) {
            throw new TcpflightException("no tcpflight events in " + file
                    + ": was the agent loaded (-javaagent) and tcpflight.jfc used?");
        }
        assembler.endOfFile(last.isAfter(recording.end()) ? last : recording.end());
        return assembler.lateTransitions();
    }

    /**
     * The file's events through tcpflight's chunk reader, or the JDK's parser where that reader leaves a file to it
     * or where {@value #PARSER_PROPERTY}{@code =jdk} asks for it.
     */
    private static EventSource open(Path file) throws IOException {
        EventSource chunks = "jdk".equals(System.getProperty(PARSER_PROPERTY)) ? null : ChunkEvents.open(file);
        return chunks != null ? chunks : new JdkEvents(file);
    }
}
