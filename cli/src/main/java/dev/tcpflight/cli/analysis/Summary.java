package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.RecordingSpan;
import java.util.List;

/**
 * What {@code summary} and {@code report} show about a set of connections.
 *
 * @param uncountedEndpoints connections whose remote endpoint was not counted, beyond the endpoints kept
 */
public record Summary(List<RecordingSpan> recordings, long connections, long transitions,
                      List<OutcomeCount> outcomes, List<StateTime> stateTimes, List<EndpointCount> topEndpoints,
                      long uncountedEndpoints, List<AnomalyGroup> anomalies) {

    public long anomalyCount() {
        return anomalies.stream().mapToLong(AnomalyGroup::count).sum();
    }
}
