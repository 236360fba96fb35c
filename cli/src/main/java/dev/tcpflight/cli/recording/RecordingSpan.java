package dev.tcpflight.cli.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The time one recording file covers: from its first chunk's start to the end of each of its chunks (a .jfr
 * file is a sequence of chunks, 12 MB each by default).
 */
public record RecordingSpan(Path file, Instant start, List<Instant> chunkEnds) {

    public RecordingSpan {
        chunkEnds = List.copyOf(chunkEnds);
    }

    public Instant end() {
        return chunkEnds.stream().max(Instant::compareTo).orElse(start);
    }
}
