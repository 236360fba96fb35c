package dev.tcpflight.cli.recording;

import java.io.IOException;

/** A recording read event by event, in the order of the file. */
public interface EventSource extends AutoCloseable {

    /** The next event, or null at the end of the file; the view is valid until the next call. */
    EventView next() throws IOException;

    /**
     * The reader has passed the end of a chunk (the times of its events say so): what was derived from that chunk's
     * constants can be forgotten.
     */
    void endOfChunk();

    @Override
    void close() throws IOException;
}
