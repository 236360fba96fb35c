package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A chunk's 68-byte header, big-endian: magic "FLR\0", major and minor version, the chunk's size, the offsets of
 * its last checkpoint and of its metadata, its start (epoch nanoseconds), duration, start in ticks, ticks per
 * second, and at byte 64 the state of the file (0 once the JVM finished writing it).
 */
record ChunkHeader(long start, long size, long lastCheckpoint, long metadata, long startNanos, long startTicks,
                   long ticksPerSecond) {

    static final int SIZE = 68;
    private static final int MAGIC = 0x464c5200;
    private static final int MAJOR_VERSION = 2;
    /** Positions within a chunk are ints: a larger chunk is left to the JDK's parser. */
    private static final long LARGEST = Integer.MAX_VALUE;

    /**
     * The header of the chunk at {@code start}, or null where this reader does not read the chunk (another format
     * version, a chunk still being written or cut short, one over 2 GB): the JDK's parser does.
     */
    static ChunkHeader read(FileChannel channel, long start, long fileSize) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SIZE);
        while (header.hasRemaining() && channel.read(header, start + header.position()) > 0) {
            // read the whole header
        }
        if (header.hasRemaining() || header.getInt(0) != MAGIC || header.getShort(4) != MAJOR_VERSION
                || header.get(64) != 0) {
            return null;
        }
        long size = header.getLong(8);
        long lastCheckpoint = header.getLong(16);
        long metadata = header.getLong(24);
        boolean fits = size >= SIZE && size <= LARGEST && start + size <= fileSize;
        boolean inside = lastCheckpoint >= SIZE && lastCheckpoint < size && metadata >= SIZE && metadata < size;
        if (!fits || !inside) {
            return null;
        }
        return new ChunkHeader(start, size, lastCheckpoint, metadata, header.getLong(32), header.getLong(48),
                header.getLong(56));
    }
}
