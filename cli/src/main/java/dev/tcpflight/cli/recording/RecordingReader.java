package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.ChunkDecoding.Batch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads tcpflight events from .jfr files into per-connection timelines. Streams each file (never the whole file
 * at once: its chunks are decoded in parallel, see {@link ChunkPipeline}) and hands each connection on once it is
 * complete.
 */
public final class RecordingReader {

    private static final Path TEMPORARY = Path.of(System.getProperty("java.io.tmpdir"));

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
        long found = 0;
        long eventsOfChunksDone = 0;
        Instant last = recording.start(); // the latest event read; the recording's end unless it was unfinished
        try (ChunkPipeline chunks = ChunkPipeline.start(recording, TEMPORARY)) {
            for (Batch batch = chunks.next(); batch != null; batch = chunks.next()) {
                for (DecodedEvent event : batch.events()) {
                    event.addTo(assembler);
                    if (event.endTime().isAfter(last)) {
                        last = event.endTime();
                        assembler.readUpTo(last);
                    }
                }
                found += batch.events().size();
                progress.update(file, eventsOfChunksDone + batch.eventsRead());
                if (batch.last()) {
                    // JFR writes a transition behind its connection's end, but never into a later chunk.
                    assembler.endOfChunk();
                    eventsOfChunksDone += batch.eventsRead();
                }
            }
        }
        if (found == 0) {
            throw new TcpflightException("no tcpflight events in " + file
                    + ": was the agent loaded (-javaagent) and tcpflight.jfc used?");
        }
        assembler.endOfFile(last.isAfter(recording.end()) ? last : recording.end());
        return assembler.lateTransitions();
    }
}
