package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.ChunkDecoding.Batch;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes a recording's chunks on several threads and hands their events on in file order, chunk after chunk.
 * Parsing and reading named fields is most of the work of reading a recording, and chunks share nothing, so
 * this is where a second core pays; grouping events into connections stays on the reader's thread.
 */
final class ChunkPipeline implements AutoCloseable {

    /** Beyond a few decoders the reader's own thread is what limits. */
    private static final int MAX_DECODERS = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path file;
    private final ChunkSlices slices;
    private final ExecutorService decoders;
    private final Queue<ChunkDecoding> chunks = new ArrayDeque<>();

    private ChunkPipeline(RecordingSpan recording, Path temporary) {
        file = recording.file();
        slices = new ChunkSlices(recording, temporary);
        int threads = Math.min(MAX_DECODERS, Math.min(recording.chunks().size(),
                Runtime.getRuntime().availableProcessors()));
        decoders = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "tcpflight-decoder-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The pool starts them in this order, so the chunk the reader waits for is always being decoded.
        for (Chunk chunk : recording.chunks()) {
            ChunkDecoding decoding = new ChunkDecoding(slices, chunk, file);
            chunks.add(decoding);
            decoders.execute(decoding);
        }
    }

    /** @param temporary where the chunks of a file of several are copied to while they are read */
    static ChunkPipeline start(RecordingSpan recording, Path temporary) {
        return new ChunkPipeline(recording, temporary);
    }

    /** The next batch in file order, or null after the last chunk's last batch. */
    Batch next() throws TcpflightException {
        ChunkDecoding current = chunks.peek();
        if (current == null) {
            return null;
        }
        Batch batch;
        try {
            batch = current.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TcpflightException("interrupted while reading " + file, e);
        }
        if (batch.failure() != null) {
            throw batch.failure();
        }
        if (batch.last()) {
            chunks.remove();
        }
        return batch;
    }

    /** Stops the decoders (those still running are interrupted) and deletes their temporary files. */
    @Override
    public void close() {
        decoders.shutdownNow();
        try {
            decoders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slices.close();
    }
}
