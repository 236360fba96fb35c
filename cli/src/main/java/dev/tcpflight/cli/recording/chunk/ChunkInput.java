package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads one chunk's bytes: big-endian raw values in the header, JFR's compressed integers (7 bits per byte, the
 * ninth byte whole) and its string encodings everywhere else. Positions count from the chunk's start. It holds a
 * window of the chunk, not the whole chunk (JFR writes chunks of hundreds of megabytes when its memory is large):
 * before reading an event (or a metadata or checkpoint event) the reader asks for it with {@link #window}, which
 * reads the file from there on if the event is not in the window yet.
 */
final class ChunkInput {

    private static final byte NULL_STRING = 0;
    private static final byte EMPTY_STRING = 1;
    private static final byte POOLED_STRING = 2;
    private static final byte UTF8_STRING = 3;
    private static final byte CHAR_ARRAY_STRING = 4;
    private static final byte LATIN1_STRING = 5;

    /** What is read first of an event whose size is not known yet: its size and type (two compressed numbers). */
    static final int EVENT_HEAD = 18;

    private final FileChannel channel;
    private final long chunkStart;
    private final int size;
    private final StringCache cache;
    private byte[] bytes;
    /** The chunk position of bytes[0], and how many bytes from there the window holds. */
    private int base;
    private int filled;
    private int position;

    /** @param buffer the window's array, reused from chunk to chunk; a larger one is made for an event that needs it */
    ChunkInput(FileChannel channel, long chunkStart, int size, byte[] buffer, StringCache cache) {
        this.channel = channel;
        this.chunkStart = chunkStart;
        this.size = size;
        this.bytes = buffer;
        this.cache = cache;
    }

    /** The window's array, to hand to the next chunk's input. */
    byte[] buffer() {
        return bytes;
    }

    /**
     * Makes the {@code length} bytes from {@code at} (fewer at the chunk's end) readable, reading the file from
     * {@code at} on unless they are in the window already; positions the input at {@code at}.
     */
    void window(int at, int length) throws IOException {
        int wanted = Math.min(length, size - at);
        if (at < base || at + wanted > base + filled) {
            if (bytes.length < wanted) {
                bytes = new byte[wanted];
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, size - at));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, chunkStart + at + buffer.position()) < 0) {
                    throw new IOException("the file ends inside the chunk at byte " + chunkStart);
                }
            }
            base = at;
            filled = buffer.position();
        }
        position = at;
    }

    int position() {
        return position;
    }

    /** Moves within what {@link #window} made readable. */
    void position(int position) {
        this.position = position;
    }

    int size() {
        return size;
    }

    byte readByte() {
        return bytes[position++ - base];
    }

    int rawInt() {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = value << 8 | readByte() & 0xFF;
        }
        return value;
    }

    long rawLong() {
        return (long) rawInt() << 32 | rawInt() & 0xFFFFFFFFL;
    }

    long readLong() {
        int at = position - base;
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = bytes[at++];
            value |= (b & 0x7FL) << shift;
            if (b >= 0) {
                position = at + base;
                return value;
            }
        }
        value |= (bytes[at++] & 0xFFL) << 56;
        position = at + base;
        return value;
    }

    int readInt() {
        return (int) readLong();
    }

    /** A count or size, which must fit what is left of the chunk. */
    int readCount() throws IOException {
        long count = readLong();
        if (count < 0 || count > size - position) {
            throw new IOException("count " + count + " at byte " + position + " exceeds the chunk");
        }
        return (int) count;
    }

    /** A string; a pooled one as the {@link Ref} to its constant, for the caller to resolve. */
    Object readString() throws IOException {
        byte encoding = readByte();
        switch (encoding) {
            case NULL_STRING:
                return null;
            case EMPTY_STRING:
                return "";
            case POOLED_STRING:
                return new Ref(Ref.STRING_POOL, readLong());
            case UTF8_STRING:
            case LATIN1_STRING: {
                int length = readCount();
                String text = cache.bytes(bytes, position - base, length,
                        encoding == UTF8_STRING ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                position += length;
                return text;
            }
            case CHAR_ARRAY_STRING: {
                // How the JDK writes the strings of events committed from Java: each char a compressed integer.
                int length = readCount();
                char[] chars = cache.chars(length);
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) readLong();
                }
                return cache.text(chars, length);
            }
            default:
                throw new IOException("unknown string encoding " + encoding + " at byte " + (position - 1));
        }
    }
}
