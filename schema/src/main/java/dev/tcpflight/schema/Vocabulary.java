package dev.tcpflight.schema;

import java.util.Optional;

/**
 * A value the events carry as text. Readers look values up by text and must show one they do not know
 * (an agent newer than the reader may add values) instead of failing.
 */
public interface Vocabulary {

    /** The text in the events. */
    String label();

    /** The value of {@code type} with this label; empty for a label this version does not know. */
    static <E extends Enum<E> & Vocabulary> Optional<E> byLabel(Class<E> type, String label) {
        for (E value : type.getEnumConstants()) {
            if (value.label().equals(label)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
