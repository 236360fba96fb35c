package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A type of a chunk's metadata: an event type, a constant's type, a struct, a primitive or a string. */
public final class JfrType {

    /** How a value of the type is written. */
    enum Kind { BOOLEAN, BYTE, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, STRUCT }

    /** A field: of type {@code typeId}, a reference into that type's pool, or an array of either. */
    public record Field(String name, long typeId, boolean constantPool, boolean array) {
    }

    private final long id;
    private final String name;
    private final boolean simple;
    private final List<Field> fields;
    private final Kind kind;
    private final Map<String, Integer> indexes = new HashMap<>();
    /** How each field is read ({@link #BYTE} and the like); both filled once every type of the metadata is known. */
    private byte[] codes;
    private JfrType[] fieldTypes;

    /** A boolean or a byte: one byte. */
    static final byte BYTE = 0;
    /** A char, short, int, long, or the key of a constant: a compressed integer. */
    static final byte COMPRESSED = 1;
    static final byte FLOAT = 2;
    static final byte DOUBLE = 3;
    static final byte STRING = 4;
    /** An array or a nested value: read by {@link Values}. */
    static final byte OTHER = 5;

    JfrType(long id, String name, boolean simple, List<Field> fields) {
        this.id = id;
        this.name = name;
        this.simple = simple;
        this.fields = List.copyOf(fields);
        this.kind = kindOf(name);
        for (int i = 0; i < fields.size(); i++) {
            indexes.putIfAbsent(fields.get(i).name(), i);
        }
    }

    private static Kind kindOf(String name) {
        return switch (name) {
            case "boolean" -> Kind.BOOLEAN;
            case "byte" -> Kind.BYTE;
            case "char" -> Kind.CHAR;
            case "short" -> Kind.SHORT;
            case "int" -> Kind.INT;
            case "long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            case "double" -> Kind.DOUBLE;
            case "java.lang.String" -> Kind.STRING;
            default -> Kind.STRUCT;
        };
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** A simple type (one field, {@code jdk.types.Symbol}) stands for its field's value. */
    boolean simple() {
        return simple;
    }

    public List<Field> fields() {
        return fields;
    }

    Kind kind() {
        return kind;
    }

    /** The field's index, or -1. */
    public int indexOf(String field) {
        Integer index = indexes.get(field);
        return index == null ? -1 : index;
    }

    /** The name of the type a value of this type reads as: a simple type's is its one field's. */
    public String valueTypeName() {
        return simple && fields.size() == 1 ? fieldTypes[0].valueTypeName() : name;
    }

    /** The type of field {@code index}. */
    public JfrType fieldType(int index) {
        return fieldTypes[index];
    }

    /** How field {@code index} is read. */
    byte code(int index) {
        return codes[index];
    }

    void link(Map<Long, JfrType> types) throws IOException {
        fieldTypes = new JfrType[fields.size()];
        codes = new byte[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            fieldTypes[i] = types.get(field.typeId());
            if (fieldTypes[i] == null) {
                throw new IOException("type " + name + " field " + field.name() + " of unknown type id "
                        + field.typeId());
            }
            codes[i] = code(field, fieldTypes[i].kind);
        }
    }

    private static byte code(Field field, Kind kind) {
        if (field.array()) {
            return OTHER;
        }
        if (field.constantPool()) {
            return COMPRESSED;
        }
        return switch (kind) {
            case BOOLEAN, BYTE -> BYTE;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case STRING -> STRING;
            case STRUCT -> OTHER;
            default -> COMPRESSED;
        };
    }
}
