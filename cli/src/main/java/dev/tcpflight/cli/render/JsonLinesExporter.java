package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.recording.Transition;
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
            JsonObject line = head("tcpflight.StateChange", connection)
                    .add("time", t.time().toString())
                    .add("sequence", t.sequence())
                    .add("fromState", t.fromState())
                    .add("toState", t.toState())
                    .add("trigger", t.trigger())
                    .add("source", t.source())
                    .add("detail", t.detail());
            out.println(socket(line, t.socket()).add("thread", t.thread()).add("topFrame", t.topFrame()));
        }
        connection.end().ifPresent(end -> out.println(end(connection, end)));
    }

    private static JsonObject end(ConnectionTimeline connection, ConnectionEnd end) {
        JsonObject line = head("tcpflight.Connection", connection)
                .add("start", end.start().toString())
                .add("end", end.end().toString())
                .add("finalState", end.finalState())
                .add("endCause", end.endCause())
                .add("bytesRead", end.bytesRead())
                .add("bytesWritten", end.bytesWritten());
        return socket(line, end.socket());
    }

    private static JsonObject head(String event, ConnectionTimeline connection) {
        return new JsonObject()
                .add("event", event)
                .add("recording", connection.key().recording().toString())
                .add("connectionId", connection.id());
    }

    private static JsonObject socket(JsonObject line, SocketInfo socket) {
        return line.add("role", socket.role())
                .add("socketApi", socket.socketApi())
                .add("localAddress", socket.local().address())
                .add("localPort", socket.local().port())
                .add("remoteAddress", socket.remote().address())
                .add("remotePort", socket.remote().port());
    }
}
