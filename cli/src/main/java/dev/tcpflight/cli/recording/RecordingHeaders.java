package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a file is a recording and reads when it starts and ends from its chunk headers, which
 * jdk.jfr.consumer does not expose. A .jfr file is a sequence of chunks, each starting with a big-endian header:
 * magic "FLR\0", version (2 + 2 bytes), chunk size, constant pool and metadata offsets (8 bytes each), then the
 * chunk's start (epoch nanoseconds) and duration (nanoseconds).
 */
final class RecordingHeaders {

    private static final int MAGIC = 0x464c5200; // "FLR\0"
    private static final int HEADER_BYTES = 48;

    private RecordingHeaders() {
    }

    static RecordingSpan read(Path file) throws TcpflightException {
        if (!Files.exists(file)) {
            throw new TcpflightException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new TcpflightException(file + " is a directory, not a .jfr recording");
        }
        try (FileChannel channel = FileChannel.open(file)) {
            return span(file, channel);
        } catch (IOException e) {
            throw new TcpflightException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RecordingSpan span(Path file, FileChannel channel) throws IOException, TcpflightException {
        long size = channel.size();
        if (size < Integer.BYTES) {
            throw new TcpflightException(file + " is not a JDK Flight Recorder (.jfr) recording");
        }
        long start = Long.MAX_VALUE;
        List<Instant> chunkEnds = new ArrayList<>();
        // A chunk still being written (the JVM is running or crashed) may claim a size past the end of the file:
        // stop there and leave the judgement on its events to the JDK's parser.
        for (long position = 0, chunkSize = 1; position < size && chunkSize > 0; position += chunkSize) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            channel.read(header, position);
            if (header.position() < Integer.BYTES || header.getInt(0) != MAGIC) {
                if (position == 0) {
                    throw new TcpflightException(file + " is not a JDK Flight Recorder (.jfr) recording");
                }
                throw new TcpflightException(file + " is truncated or corrupt (no chunk header at byte "
                        + position + ")");
            }
            if (header.hasRemaining()) {
                throw new TcpflightException(file + " is truncated or corrupt (incomplete chunk header)");
            }
            chunkSize = header.getLong(8);
            long chunkStart = header.getLong(32);
            start = Math.min(start, chunkStart);
            chunkEnds.add(instant(chunkStart + header.getLong(40)));
        }
        return new RecordingSpan(file, instant(start), chunkEnds);
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
