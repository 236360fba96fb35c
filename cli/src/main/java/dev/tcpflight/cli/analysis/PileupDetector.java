package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds clients that close many connections to one endpoint first (active close: ESTABLISHED → FIN_WAIT_1):
 * each leaves a socket in TIME_WAIT, holding a local port, for as long as the kernel keeps it. Keeps the last N
 * close times per endpoint, for at most {@value #MAX_ENDPOINTS} endpoints.
 */
final class PileupDetector {

    private static final int MAX_ENDPOINTS = 10_000;

    private final AnomalyThresholds thresholds;
    private final Map<String, Closes> byRemote = new LinkedHashMap<>();

    PileupDetector(AnomalyThresholds thresholds) {
        this.thresholds = thresholds;
    }

    void accept(ConnectionTimeline connection) {
        if (!connection.socket().is(Role.CLIENT)) {
            return;
        }
        String remote = connection.socket().remote().toString();
        for (Transition t : connection.transitions()) {
            boolean activeClose = t.is(TcpState.ESTABLISHED, TcpState.FIN_WAIT_1);
            Closes closes = byRemote.get(remote);
            if (activeClose && closes == null && byRemote.size() < MAX_ENDPOINTS) {
                closes = new Closes(thresholds.pileupCloses());
                byRemote.put(remote, closes);
            }
            if (activeClose && closes != null && closes.add(t.time(), thresholds.pileupWindow())
                    && closes.example == null) {
                closes.example = new Anomaly(AnomalyKind.TIME_WAIT_PILEUP, t.topFrame(), connection.key(),
                        connection.socket(), "");
            }
        }
    }

    List<Anomaly> anomalies() {
        List<Anomaly> anomalies = new ArrayList<>();
        byRemote.forEach((remote, closes) -> {
            if (closes.example != null) {
                anomalies.add(new Anomaly(closes.example.kind(), closes.example.location(),
                        closes.example.connection(), closes.example.socket(),
                        thresholds.pileupCloses() + " active closes to " + remote + " within "
                                + Durations.human(closes.firstPileup) + " (" + closes.total + " in all): each left"
                                + " a socket in TIME_WAIT for 2 MSL (60 s on Linux), holding a local port"));
            }
        });
        return anomalies;
    }

    /** The last N close times, in a ring. */
    private static final class Closes {
        final long[] nanos;
        long total;
        Duration firstPileup;
        Anomaly example;

        Closes(int size) {
            nanos = new long[size];
        }

        /** Adds a close; true when the last N closes happened within the window. */
        boolean add(Instant time, Duration window) {
            nanos[(int) (total++ % nanos.length)] = time.getEpochSecond() * 1_000_000_000L + time.getNano();
            if (total < nanos.length) {
                return false;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long n : nanos) { // not in order: connections are read in about the order they end
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
            Duration span = Duration.ofNanos(max - min);
            if (span.compareTo(window) > 0) {
                return false;
            }
            if (firstPileup == null) {
                firstPileup = span;
            }
            return true;
        }
    }
}
