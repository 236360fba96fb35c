package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.StateSpan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chrome trace-event JSON, as Perfetto and chrome://tracing open it: one process per recording, one track
 * ("thread") per connection named after it, and a complete ('X') event per state the connection was in.
 * Written as connections come, one event per line; {@link #finish()} closes the document.
 */
public final class ChromeTraceExporter implements Consumer<ConnectionTimeline> {

    private final PrintWriter out;
    private final Instant origin;
    private final Glyphs glyphs;
    private final Map<Path, Integer> processes = new HashMap<>();
    private boolean first = true;

    /** @param origin time 0 of the trace: the start of the earliest recording */
    public ChromeTraceExporter(PrintWriter out, Instant origin, Glyphs glyphs) {
        this.out = out;
        this.origin = origin;
        this.glyphs = glyphs;
        out.print("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
    }

    @Override
    public void accept(ConnectionTimeline connection) {
        Path recording = connection.key().recording();
        Integer pid = processes.get(recording);
        if (pid == null) {
            pid = processes.size() + 1;
            processes.put(recording, pid);
            event(metadata("process_name", pid, 0, new JsonObject().add("name", recording.toString())));
        }
        long tid = connection.id();
        String name = Labels.connection(connection.key(), connection.socket(), glyphs);
        event(metadata("thread_name", pid, tid, new JsonObject().add("name", name)));
        event(metadata("thread_sort_index", pid, tid, new JsonObject().add("sort_index", tid)));
        for (StateSpan span : connection.spans()) {
            event(new JsonObject()
                    .add("name", span.state())
                    .add("cat", "tcp")
                    .add("ph", "X")
                    .add("pid", pid)
                    .add("tid", tid)
                    .addMicros("ts", Duration.between(origin, span.from()).toNanos())
                    .addMicros("dur", span.duration().toNanos())
                    .add("args", new JsonObject()
                            .add("trigger", span.enteredBy().trigger())
                            .add("source", span.enteredBy().source())
                            .add("frame", span.enteredBy().topFrame())
                            .add("thread", span.enteredBy().thread())
                            .add("detail", span.enteredBy().detail())));
        }
    }

    public void finish() {
        out.println("\n]}");
        out.flush();
    }

    private static JsonObject metadata(String name, int pid, long tid, JsonObject args) {
        return new JsonObject().add("name", name).add("ph", "M").add("pid", pid).add("tid", tid).add("args", args);
    }

    private void event(JsonObject event) {
        out.print(first ? "\n" : ",\n");
        out.print(event);
        first = false;
    }
}
