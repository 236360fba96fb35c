package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingSpan;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.recording.StateSpan;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds a {@link Summary} one connection at a time and keeps no connection: counters, one histogram per state
 * ({@link LogHistogram}), capped endpoint and pile-up tables and grouped anomalies, so memory stays bounded
 * however long the recording.
 */
public final class SummaryAggregator implements Consumer<ConnectionTimeline> {

    private static final int MAX_ENDPOINTS = 10_000;
    private static final int TOP_ENDPOINTS = 10;

    private final AnomalyThresholds thresholds;
    private final Map<OutcomeCount, long[]> outcomes = new HashMap<>();
    private final Map<String, LogHistogram> stateTimes = new HashMap<>();
    private final Map<EndpointCount, long[]> endpoints = new HashMap<>();
    private final AnomalyGroups anomalies = new AnomalyGroups();
    private final PileupDetector pileups;
    private long connections;
    private long transitions;
    private long uncountedEndpoints;

    public SummaryAggregator(AnomalyThresholds thresholds) {
        this.thresholds = thresholds;
        this.pileups = new PileupDetector(thresholds);
    }

    @Override
    public void accept(ConnectionTimeline connection) {
        connections++;
        transitions += connection.transitions().size();
        String role = connection.socket().role();
        String cause = connection.end().map(ConnectionEnd::endCause).orElse("open");
        count(outcomes, new OutcomeCount(role, connection.finalState(), cause, 0));
        for (StateSpan span : connection.spans()) {
            stateTimes.computeIfAbsent(span.state(), s -> new LogHistogram()).add(span.duration());
        }
        countEndpoint(connection);
        ConnectionAnomalies.of(connection, thresholds.closeWait()).forEach(anomalies::add);
        pileups.accept(connection);
    }

    /** The summary of every connection accepted; call it once, after the last one (it adds the pile-ups). */
    public Summary summary(List<RecordingSpan> recordings) {
        pileups.anomalies().forEach(anomalies::add);
        List<OutcomeCount> outcomeCounts = new ArrayList<>();
        outcomes.forEach((o, n) -> outcomeCounts.add(new OutcomeCount(o.role(), o.finalState(), o.endCause(), n[0])));
        outcomeCounts.sort(Comparator.comparing(OutcomeCount::role)
                .thenComparing(Comparator.comparingLong(OutcomeCount::connections).reversed())
                .thenComparing(OutcomeCount::finalState).thenComparing(OutcomeCount::endCause));
        List<StateTime> times = new ArrayList<>();
        // In the order of the state diagram; states this CLI does not know after them, by name.
        new TreeMap<>(stateTimes).forEach((state, histogram) -> times.add(new StateTime(state, histogram.stats())));
        times.sort(Comparator.comparing(t -> TcpState.of(t.state()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
        List<EndpointCount> top = new ArrayList<>();
        endpoints.forEach((e, n) -> top.add(new EndpointCount(e.role(), e.endpoint(), n[0])));
        top.sort(Comparator.comparingLong(EndpointCount::connections).reversed()
                .thenComparing(EndpointCount::endpoint).thenComparing(EndpointCount::role));
        return new Summary(recordings, connections, transitions, outcomeCounts, times,
                List.copyOf(top.subList(0, Math.min(TOP_ENDPOINTS, top.size()))), uncountedEndpoints,
                anomalies.groups());
    }

    /** Clients by the service they reach (host:port); servers by the peer host (its port is ephemeral). */
    private void countEndpoint(ConnectionTimeline connection) {
        SocketInfo socket = connection.socket();
        if (socket.is(Role.LISTENER) || socket.remote().isUnknown()) {
            return;
        }
        String role = socket.role();
        String endpoint = socket.is(Role.SERVER) ? connection.socket().remote().address()
                : connection.socket().remote().toString();
        EndpointCount key = new EndpointCount(role, endpoint, 0);
        if (endpoints.containsKey(key) || endpoints.size() < MAX_ENDPOINTS) {
            count(endpoints, key);
        } else {
            uncountedEndpoints++;
        }
    }

    private static <K> void count(Map<K, long[]> counts, K key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }
}
