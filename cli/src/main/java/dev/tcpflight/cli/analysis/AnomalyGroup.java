package dev.tcpflight.cli.analysis;

import java.util.List;

/** The anomalies of one kind at one code location: how many, and the first few as examples. */
public record AnomalyGroup(AnomalyKind kind, String location, long count, List<Anomaly> examples) {
}
