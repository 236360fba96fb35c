package dev.tcpflight.cli.recording;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Each chunk of a recording as a file of its own, as {@code jfr disassemble} makes them: the JDK's parser reads
 * only whole files, and a chunk is a valid recording by itself. A file of one chunk is used as it is; the chunks
 * of a longer one are copied into a temporary folder, each deleted once read, the folder at {@link #close()}.
 * Thread-safe: chunks are sliced on the decoding threads.
 */
final class ChunkSlices implements AutoCloseable {

    private final RecordingSpan recording;
    private final Path temporary;
    private Path folder;

    /** @param temporary where to make the folder of slices */
    ChunkSlices(RecordingSpan recording, Path temporary) {
        this.recording = recording;
        this.temporary = temporary;
    }

    /** A file holding just {@code chunk}; give it back with {@link #release}. */
    Path slice(Chunk chunk) throws IOException {
        Path file = recording.file();
        if (recording.chunks().size() == 1) {
            return file;
        }
        Path slice = Files.createTempFile(folder(), "chunk-", ".jfr");
        try (FileChannel in = FileChannel.open(file); FileChannel out = FileChannel.open(slice,
                StandardOpenOption.WRITE)) {
            // A chunk still being written claims no size, or more than the file has: the parser judges what is there.
            long rest = in.size() - chunk.offset();
            long size = chunk.size() > 0 ? Math.min(chunk.size(), rest) : rest;
            long copied = 0;
            for (long step = 1; copied < size && step > 0; copied += step) {
                step = in.transferTo(chunk.offset() + copied, size - copied, out);
            }
        }
        return slice;
    }

    /** Deletes a slice once read; one that cannot be deleted now goes at {@link #close()}. */
    void release(Path slice) {
        if (!slice.equals(recording.file())) {
            slice.toFile().delete();
        }
    }

    private synchronized Path folder() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory(temporary, "tcpflight-chunks-");
        }
        return folder;
    }

    /** Deletes what is left: the slices of a read that failed or was stopped. */
    @Override
    public synchronized void close() {
        if (folder == null) {
            return;
        }
        try (Stream<Path> left = Files.list(folder)) {
            for (Path file : (Iterable<Path>) left::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // The read itself is over and its result sound: a temporary file left behind is not worth failing it.
            folder.toFile().deleteOnExit();
        }
    }
}
