package dev.tcpflight.cli.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One recording file and the time it covers: from its first chunk's start to the end of each of its chunks (a
 * .jfr file is a sequence of chunks, 12 MB each by default).
 */
public record RecordingSpan(Path file, Instant start, List<Chunk> chunks) {

    public RecordingSpan {
        chunks = List.copyOf(chunks);
    }

    public Instant end() {
        return chunks.stream().map(Chunk::end).max(Instant::compareTo).orElse(start);
    }
}
