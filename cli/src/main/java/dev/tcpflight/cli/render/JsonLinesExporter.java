package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * JSON lines: one object per transition ({@code "event":"tcpflight.StateChange"}) with every field of the event,
 * and one per ended connection ({@code "event":"tcpflight.Connection"}); times in ISO-8601 UTC.
 */
public final class JsonLinesExporter implements Consumer<ConnectionTimeline> {

    private final PrintWriter out;

    public JsonLinesExporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(ConnectionTimeline connection) {
        for (Transition t : connection.transitions()) {
            JsonObject line = head(StateChangeEvent.NAME, connection)
                    .add("time", t.time().toString())
                    .add(Fields.SEQUENCE, t.sequence())
                    .add(Fields.FROM_STATE, t.fromState())
                    .add(Fields.TO_STATE, t.toState())
                    .add(Fields.TRIGGER, t.trigger())
                    .add(Fields.SOURCE, t.source())
                    .add(Fields.DETAIL, t.detail());
            out.println(socket(line, t.socket()).add("thread", t.thread()).add("topFrame", t.topFrame()));
        }
        connection.end().ifPresent(end -> out.println(end(connection, end)));
    }

    private static JsonObject end(ConnectionTimeline connection, ConnectionEnd end) {
        JsonObject line = head(ConnectionEvent.NAME, connection)
                .add("start", end.start().toString())
                .add("end", end.end().toString())
                .add(Fields.FINAL_STATE, end.finalState())
                .add(Fields.END_CAUSE, end.endCause())
                .add(Fields.BYTES_READ, end.bytesRead())
                .add(Fields.BYTES_WRITTEN, end.bytesWritten());
        return socket(line, end.socket());
    }

    private static JsonObject head(String event, ConnectionTimeline connection) {
        return new JsonObject()
                .add("event", event)
                .add("recording", connection.key().recording().toString())
                .add(Fields.CONNECTION_ID, connection.id());
    }

    private static JsonObject socket(JsonObject line, SocketInfo socket) {
        return line.add(Fields.ROLE, socket.role())
                .add(Fields.SOCKET_API, socket.socketApi())
                .add(Fields.LOCAL_ADDRESS, socket.local().address())
                .add(Fields.LOCAL_PORT, socket.local().port())
                .add(Fields.REMOTE_ADDRESS, socket.remote().address())
                .add(Fields.REMOTE_PORT, socket.remote().port());
    }
}
