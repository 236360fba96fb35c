package dev.tcpflight.cli.recording.chunk;

/** A value of a type with fields, read generically: a constant (a thread, a frame, a method) or a nested value. */
record Struct(JfrType type, Object[] values) {

    /** The field's value as read (a {@link Ref} for a pool reference), or null if the type has no such field. */
    Object get(String field) {
        int index = type.indexOf(field);
        return index < 0 ? null : values[index];
    }
}
