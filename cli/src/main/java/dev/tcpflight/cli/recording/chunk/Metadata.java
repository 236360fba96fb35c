package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's metadata event: the types its events and constants are written in. After its header (size, type 0,
 * start, duration, metadata id) come a table of strings and a tree of elements naming them by index; the types are
 * the {@code class} elements under {@code metadata}, each with its {@code field} elements.
 */
final class Metadata {

    /** Type ids are small numbers: looked up in an array below this, in the map above it. */
    private static final int ARRAY_IDS = 1 << 16;

    private final long id;
    private final Map<Long, JfrType> types;
    private final JfrType[] byId;
    private final long stringTypeId;

    private Metadata(long id, Map<Long, JfrType> types, long stringTypeId) {
        this.id = id;
        this.types = types;
        this.stringTypeId = stringTypeId;
        int highest = (int) Math.min(ARRAY_IDS - 1, types.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
        byId = new JfrType[highest + 1];
        types.forEach((typeId, type) -> {
            if (typeId >= 0 && typeId < byId.length) {
                byId[typeId.intValue()] = type;
            }
        });
    }

    long id() {
        return id;
    }

    /** The type of {@code typeId}, or null. */
    JfrType type(long typeId) {
        return typeId >= 0 && typeId < byId.length ? byId[(int) typeId] : types.get(typeId);
    }

    long stringTypeId() {
        return stringTypeId;
    }

    /** Reads the metadata event at {@code position}, or returns {@code previous} if it is the same metadata. */
    static Metadata read(ChunkInput in, int position, Metadata previous) throws IOException {
        in.window(position, ChunkInput.EVENT_HEAD);
        in.window(position, in.readInt());
        in.readInt(); // size
        if (in.readLong() != 0) {
            throw new IOException("no metadata event at byte " + position);
        }
        in.readLong(); // start
        in.readLong(); // duration
        long id = in.readLong();
        if (previous != null && previous.id == id) {
            return previous;
        }
        int count = in.readCount();
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            Object text = in.readString();
            if (text != null && !(text instanceof String)) {
                throw new IOException("a pooled string in the metadata at byte " + in.position());
            }
            strings[i] = (String) text;
        }
        Element root = Element.read(in, strings);
        Map<Long, JfrType> types = new HashMap<>();
        long stringTypeId = -1;
        for (Element metadata : root.children("metadata")) {
            for (Element type : metadata.children("class")) {
                List<JfrType.Field> fields = new ArrayList<>();
                for (Element field : type.children("field")) {
                    fields.add(new JfrType.Field(field.attribute("name"), Long.parseLong(field.attribute("class")),
                            "true".equals(field.attribute("constantPool")), "1".equals(field.attribute("dimension"))));
                }
                JfrType described = new JfrType(Long.parseLong(type.attribute("id")), type.attribute("name"),
                        "true".equals(type.attribute("simpleType")), fields);
                types.put(described.id(), described);
                if (described.name().equals("java.lang.String")) {
                    stringTypeId = described.id();
                }
            }
        }
        for (JfrType type : types.values()) {
            type.link(types);
        }
        return new Metadata(id, Map.copyOf(types), stringTypeId);
    }

    /** An element of the metadata tree: a name, attributes and children. */
    private record Element(String name, Map<String, String> attributes, List<Element> children) {

        static Element read(ChunkInput in, String[] strings) throws IOException {
            String name = string(in, strings);
            int attributeCount = in.readCount();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(string(in, strings), string(in, strings));
            }
            int childCount = in.readCount();
            List<Element> children = new ArrayList<>(childCount);
            for (int i = 0; i < childCount; i++) {
                children.add(read(in, strings));
            }
            return new Element(name, attributes, children);
        }

        private static String string(ChunkInput in, String[] strings) throws IOException {
            int index = in.readInt();
            if (index < 0 || index >= strings.length) {
                throw new IOException("metadata string " + index + " of " + strings.length);
            }
            return strings[index];
        }

        String attribute(String key) {
            return attributes.get(key);
        }

        List<Element> children(String elementName) {
            return children.stream().filter(e -> e.name.equals(elementName)).toList();
        }
    }
}
