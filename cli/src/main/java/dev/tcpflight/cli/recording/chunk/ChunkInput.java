package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one chunk's bytes: big-endian raw values in the header, JFR's compressed integers (7 bits per byte, the
 * ninth byte whole) and its string encodings everywhere else. Positions count from the chunk's start.
 */
final class ChunkInput {

    private static final byte NULL_STRING = 0;
    private static final byte EMPTY_STRING = 1;
    private static final byte POOLED_STRING = 2;
    private static final byte UTF8_STRING = 3;
    private static final byte CHAR_ARRAY_STRING = 4;
    private static final byte LATIN1_STRING = 5;

    private final byte[] bytes;
    private final int size;
    private final StringCache cache;
    private int position;

    ChunkInput(byte[] bytes, int size, StringCache cache) {
        this.bytes = bytes;
        this.size = size;
        this.cache = cache;
    }

    int position() {
        return position;
    }

    void position(int position) {
        this.position = position;
    }

    int size() {
        return size;
    }

    byte readByte() {
        return bytes[position++];
    }

    int rawInt() {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = value << 8 | bytes[position++] & 0xFF;
        }
        return value;
    }

    long rawLong() {
        return (long) rawInt() << 32 | rawInt() & 0xFFFFFFFFL;
    }

    long readLong() {
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = bytes[position++];
            value |= (b & 0x7FL) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return value | (bytes[position++] & 0xFFL) << 56;
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
                String text = cache.bytes(bytes, position, length,
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
