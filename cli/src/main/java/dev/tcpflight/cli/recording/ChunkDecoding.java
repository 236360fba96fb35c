package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Decodes one chunk on a thread of {@link ChunkPipeline}'s into batches of {@link DecodedEvent}s, which the
 * reader takes in order. The queue is short: a decoder that runs ahead of the reader waits, so memory holds a few
 * batches per chunk being decoded, never a whole chunk.
 */
final class ChunkDecoding implements Runnable {

    /** Events parsed per batch, tcpflight or not: also how often progress is told. */
    static final int BATCH_EVENTS = 4096;
    private static final int QUEUED_BATCHES = 4;

    /**
     * Part of a chunk's events.
     *
     * @param eventsRead the chunk's events parsed up to the end of this batch, of every type
     * @param last       whether this batch ends the chunk
     * @param failure    why the chunk could not be read past this batch, or null
     */
    record Batch(List<DecodedEvent> events, long eventsRead, boolean last, TcpflightException failure) {
    }

    private final ChunkSlices slices;
    private final Chunk chunk;
    private final Path file;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);

    ChunkDecoding(ChunkSlices slices, Chunk chunk, Path file) {
        this.slices = slices;
        this.chunk = chunk;
        this.file = file;
    }

    /** The next batch, waiting for it to be decoded. */
    Batch take() throws InterruptedException {
        return batches.take();
    }

    @Override
    public void run() {
        try {
            decode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader stopped: nobody waits for the rest
        }
    }

    private void decode() throws InterruptedException {
        Path slice;
        try {
            slice = slices.slice(chunk);
        } catch (IOException e) {
            batches.put(new Batch(List.of(), 0, true, new TcpflightException("cannot read " + file
                    + ": copying a chunk to the temporary folder failed (" + e.getMessage() + ")", e)));
            return;
        }
        try {
            decode(slice);
        } finally {
            slices.release(slice);
        }
    }

    private void decode(Path slice) throws InterruptedException {
        EventDecoder decoder = new EventDecoder(file);
        List<DecodedEvent> events = new ArrayList<>();
        long read = 0;
        try (RecordingFile in = new RecordingFile(slice)) {
            while (in.hasMoreEvents()) {
                DecodedEvent event = decoder.decode(in.readEvent());
                if (event != null) {
                    events.add(event);
                }
                if (++read % BATCH_EVENTS == 0) {
                    batches.put(new Batch(events, read, false, null));
                    events = new ArrayList<>();
                }
            }
        } catch (TcpflightException e) {
            batches.put(new Batch(events, read, true, e));
            return;
        } catch (IOException | RuntimeException e) { // how the JDK's parser reports a damaged file
            batches.put(new Batch(events, read, true, new TcpflightException(file + " is truncated or corrupt ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e)));
            return;
        }
        batches.put(new Batch(events, read, true, null));
    }
}
