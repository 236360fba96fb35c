package dev.tcpflight.cli.render;

import java.math.BigDecimal;

/** One JSON object, written field by field on one line, strings escaped as RFC 8259 requires. */
public final class JsonObject {

    private final StringBuilder json = new StringBuilder("{");

    public JsonObject add(String name, String value) {
        name(name);
        quote(value, json);
        return this;
    }

    public JsonObject add(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    /** {@code nanos / 1000} exactly, as a decimal number: trace-event JSON counts microseconds. */
    public JsonObject addMicros(String name, long nanos) {
        name(name);
        json.append(BigDecimal.valueOf(nanos, 3).toPlainString());
        return this;
    }

    public JsonObject add(String name, JsonObject value) {
        name(name);
        json.append(value);
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(name, json);
        json.append(':');
    }

    /** {@code text} as a JSON string, quotes included. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(text, out);
        return out.toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // Control characters must be escaped; U+2028/9 too, for readers that treat JSON as JavaScript.
                default -> out.append(c < 0x20 || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
