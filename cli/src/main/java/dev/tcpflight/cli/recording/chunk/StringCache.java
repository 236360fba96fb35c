package dev.tcpflight.cli.recording.chunk;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * One String for each short text a recording repeats (states, triggers, addresses), looked up by its content, so
 * that reading a repeated text makes no object. A slot holds the latest text that hashed to it.
 */
final class StringCache {

    private static final int SLOTS = 1 << 12;
    private static final int LONGEST = 64;

    private final String[] values = new String[SLOTS];
    private char[] scratch = new char[LONGEST];

    /** A buffer for {@code length} chars, to fill and hand to {@link #text}. */
    char[] chars(int length) {
        if (scratch.length < length) {
            scratch = new char[length];
        }
        return scratch;
    }

    /** The text of the first {@code length} of {@code chars}. */
    String text(char[] chars, int length) {
        if (length > LONGEST) {
            return new String(chars, 0, length);
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ hash >>> 12) & (SLOTS - 1);
        String cached = values[slot];
        if (cached != null && cached.length() == length && matches(cached, chars)) {
            return cached;
        }
        String text = new String(chars, 0, length);
        values[slot] = text;
        return text;
    }

    /** The text of {@code length} bytes in {@code charset}. */
    String bytes(byte[] bytes, int at, int length, Charset charset) {
        return new String(Arrays.copyOfRange(bytes, at, at + length), charset);
    }

    private static boolean matches(String cached, char[] chars) {
        for (int i = 0; i < cached.length(); i++) {
            if (cached.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
