package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import jdk.jfr.consumer.RecordedEvent;

/** Typed access to event fields that names the missing field instead of failing deep inside jdk.jfr. */
final class EventFields {

    private EventFields() {
    }

    static String string(RecordedEvent event, String field) throws TcpflightException {
        String value = event.getString(require(event, field));
        return value == null ? "" : value;
    }

    /**
     * A field whose values come from a small vocabulary (states, triggers, roles): one shared String per value,
     * which keeps the open connections of a large recording small.
     */
    static String word(RecordedEvent event, String field) throws TcpflightException {
        return string(event, field).intern();
    }

    static int intValue(RecordedEvent event, String field) throws TcpflightException {
        return event.getInt(require(event, field));
    }

    static long longValue(RecordedEvent event, String field) throws TcpflightException {
        return event.getLong(require(event, field));
    }

    private static String require(RecordedEvent event, String field) throws TcpflightException {
        if (!event.hasField(field)) {
            throw new TcpflightException(event.getEventType().getName() + " event without field '" + field
                    + "': recorded by an incompatible tcpflight agent?");
        }
        return field;
    }
}
