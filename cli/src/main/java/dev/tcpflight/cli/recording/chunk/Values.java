package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;

/**
 * Reads any value by its type, as the metadata describes it: primitives boxed, strings as text (or the
 * {@link Ref} of a pooled one), references as {@link Ref}, arrays as {@code Object[]}, other types as
 * {@link Struct}, a simple type as its one field's value. For constants and the fields the decoders do not read
 * specially; the events tcpflight reads in bulk take {@link EventLayout}'s way.
 */
final class Values {

    private Values() {
    }

    static Object field(ChunkInput in, JfrType.Field field, JfrType type) throws IOException {
        if (!field.array()) {
            return single(in, field, type);
        }
        int count = in.readCount();
        Object[] elements = new Object[count];
        for (int i = 0; i < count; i++) {
            elements[i] = single(in, field, type);
        }
        return elements;
    }

    private static Object single(ChunkInput in, JfrType.Field field, JfrType type) throws IOException {
        return field.constantPool() ? new Ref(type.id(), in.readLong()) : value(in, type);
    }

    static Object value(ChunkInput in, JfrType type) throws IOException {
        switch (type.kind()) {
            case BOOLEAN:
                return in.readByte() != 0;
            case BYTE:
                return in.readByte();
            case CHAR:
                return (char) in.readLong();
            case SHORT:
                return (short) in.readLong();
            case INT:
                return (int) in.readLong();
            case LONG:
                return in.readLong();
            case FLOAT:
                return Float.intBitsToFloat(in.rawInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.rawLong());
            case STRING:
                return in.readString();
            default:
                Object[] values = new Object[type.fields().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = field(in, type.fields().get(i), type.fieldType(i));
                }
                return type.simple() && values.length == 1 ? values[0] : new Struct(type, values);
        }
    }
}
