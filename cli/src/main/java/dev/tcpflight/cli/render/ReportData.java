package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.Anomaly;
import dev.tcpflight.cli.analysis.ConnectionAnomalies;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.StackTrace;
import dev.tcpflight.cli.recording.StateSpan;
import dev.tcpflight.cli.recording.Transition;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the HTML report's script draws, gathered as connections stream past, in memory bounded however large the
 * recording: an overview of every connection (how many were in each state in each of {@value #BUCKETS} slices of
 * the recording) and a sample drawn in detail, with transitions and stack traces: every connection up to
 * {@value #MAX_ROWS}; beyond that, as many from each slice of time, so that any range zoomed into has some, plus up to
 * {@value #MAX_TROUBLED} connections with an anomaly. Written as one JSON object (times in microseconds from the
 * start).
 */
public final class ReportData implements Consumer<ConnectionTimeline> {

    static final int BUCKETS = 600;
    public static final int MAX_ROWS = 20_000;
    public static final int MAX_TROUBLED = 5_000;
    private static final int SLICES = 100;

    private final Instant start;
    private final long totalNanos;
    private final Duration closeWait;
    private final Map<String, long[]> overview = new TreeMap<>((a, b) -> StateLook.of(a).compareTo(StateLook.of(b)));
    private final int[] perSlice = new int[SLICES];
    private final List<Drawn> drawn = new ArrayList<>();
    private long offered;
    private int troubled;

    private record Drawn(ConnectionTimeline connection, List<Anomaly> anomalies) {
    }

    /** @param closeWait how long in CLOSE_WAIT is an anomaly, as for the summary */
    public ReportData(Instant start, Instant end, Duration closeWait) {
        this.start = start;
        this.totalNanos = Math.max(1, Duration.between(start, end).toNanos());
        this.closeWait = closeWait;
    }

    @Override
    public void accept(ConnectionTimeline connection) {
        offered++;
        for (StateSpan span : connection.spans()) {
            long[] counts = overview.computeIfAbsent(span.state(), s -> new long[BUCKETS]);
            for (int b = bucket(span.from()), last = bucket(span.to()); b <= last; b++) {
                counts[b]++;
            }
        }
        if (offered == MAX_ROWS + 1) {
            // From here on the sample is spread over time: the first rows keep only their slice's share.
            thinToSlices();
        }
        List<Anomaly> anomalies = ConnectionAnomalies.of(connection, closeWait);
        int slice = slice(connection);
        if (offered <= MAX_ROWS || perSlice[slice] < MAX_ROWS / SLICES) {
            perSlice[slice]++;
            drawn.add(new Drawn(connection, anomalies));
        } else if (!anomalies.isEmpty() && troubled < MAX_TROUBLED) {
            troubled++;
            drawn.add(new Drawn(connection, anomalies));
        }
    }

    /** How many connections are drawn in detail. */
    public int drawnCount() {
        return drawn.size();
    }

    /** The states seen, in the order of a connection's life. */
    Set<String> states() {
        return overview.keySet();
    }

    private void thinToSlices() {
        int[] kept = new int[SLICES];
        List<Drawn> thinned = new ArrayList<>();
        troubled = 0;
        for (Drawn d : drawn) {
            int slice = slice(d.connection());
            if (kept[slice] < MAX_ROWS / SLICES) {
                kept[slice]++;
                thinned.add(d);
            } else if (!d.anomalies().isEmpty() && troubled < MAX_TROUBLED) {
                troubled++;
                thinned.add(d);
            }
        }
        drawn.clear();
        drawn.addAll(thinned);
        System.arraycopy(kept, 0, perSlice, 0, SLICES);
    }

    private int slice(ConnectionTimeline connection) {
        return (int) ((long) bucket(connection.start()) * SLICES / BUCKETS);
    }

    private int bucket(Instant time) {
        long nanos = Duration.between(start, time).toNanos();
        return (int) Math.max(0, Math.min(BUCKETS - 1, nanos * BUCKETS / totalNanos));
    }

    private long micros(Instant time) {
        return Duration.between(start, time).toNanos() / 1000;
    }

    /** The data as one JSON object. */
    void write(PrintWriter out) {
        Map<StackTrace, Integer> stacks = new HashMap<>();
        List<StackTrace> stackList = new ArrayList<>();
        out.print("{\"total\":" + totalNanos / 1000 + ",\"connections\":" + offered + ",\"buckets\":" + BUCKETS);
        out.print(",\"states\":[");
        String separator = "";
        for (String state : overview.keySet()) {
            out.print(separator + quote(state));
            separator = ",";
        }
        out.print("],\"colors\":{");
        separator = "";
        for (String state : overview.keySet()) {
            out.print(separator + quote(state) + ":" + quote(StateLook.of(state).html()));
            separator = ",";
        }
        out.print("},\"overview\":{");
        separator = "";
        for (Map.Entry<String, long[]> counts : overview.entrySet()) {
            out.print(separator + quote(counts.getKey()) + ":" + numbers(counts.getValue()));
            separator = ",";
        }
        out.print("},\"rows\":[");
        List<Drawn> ordered = new ArrayList<>(drawn);
        ordered.sort((a, b) -> ConnectionTimeline.BY_START.compare(a.connection(), b.connection()));
        for (int i = 0; i < ordered.size(); i++) {
            out.print((i == 0 ? "" : ",") + row(ordered.get(i), stacks, stackList));
            out.print('\n');
        }
        out.print("],\"stacks\":[");
        for (int i = 0; i < stackList.size(); i++) {
            StringBuilder frames = new StringBuilder(i == 0 ? "[" : ",[");
            List<String> list = stackList.get(i).frames();
            for (int f = 0; f < list.size(); f++) {
                frames.append(f == 0 ? "" : ",").append(quote(list.get(f)));
            }
            out.print(frames.append(']'));
        }
        out.print("]}");
    }

    private String row(Drawn drawn, Map<StackTrace, Integer> stacks, List<StackTrace> stackList) {
        ConnectionTimeline c = drawn.connection();
        StringBuilder row = new StringBuilder("{\"id\":").append(c.id())
                .append(",\"label\":").append(quote(Labels.connection(c.key(), c.socket(), Glyphs.UNICODE)))
                .append(",\"role\":").append(quote(c.socket().role()))
                .append(",\"local\":").append(quote(c.socket().local().toString()))
                .append(",\"remote\":").append(quote(c.socket().remote().toString()))
                .append(",\"ports\":[").append(c.socket().local().port()).append(',')
                .append(c.socket().remote().port()).append(']')
                .append(",\"open\":").append(c.openAtEnd())
                .append(",\"anomalies\":[");
        Set<String> kinds = new LinkedHashSet<>();
        drawn.anomalies().forEach(a -> kinds.add(a.kind().title()));
        String separator = "";
        for (String kind : kinds) {
            row.append(separator).append(quote(kind));
            separator = ",";
        }
        row.append("],\"evidence\":[");
        separator = "";
        for (Anomaly anomaly : drawn.anomalies()) {
            row.append(separator).append(quote(anomaly.kind().title() + ": " + anomaly.evidence()));
            separator = ",";
        }
        row.append("],\"spans\":[");
        separator = "";
        for (StateSpan span : c.spans()) {
            row.append(separator).append('[').append(quote(span.state())).append(',').append(micros(span.from()))
                    .append(',').append(micros(span.to())).append(']');
            separator = ",";
        }
        row.append("],\"transitions\":[");
        separator = "";
        for (Transition t : c.transitions()) {
            Integer stack = stacks.get(t.stack());
            if (stack == null) {
                stack = stackList.size();
                stacks.put(t.stack(), stack);
                stackList.add(t.stack());
            }
            row.append(separator).append('[').append(micros(t.time())).append(',').append(quote(t.fromState()))
                    .append(',').append(quote(t.toState())).append(',').append(quote(t.trigger())).append(',')
                    .append(quote(t.source())).append(',').append(quote(t.thread())).append(',')
                    .append(quote(t.topFrame())).append(',').append(stack).append(',').append(quote(t.detail()))
                    .append(']');
            separator = ",";
        }
        return row.append("]}").toString();
    }

    private static String numbers(long[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append(']').toString();
    }

    /** A JSON string that is also safe inside an HTML script element. */
    private static String quote(String text) {
        return JsonObject.quoted(text).replace("</", "<\\/");
    }
}
