package dev.tcpflight.cli.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anomalies grouped by kind and code location, with a few examples each: a leak repeated on 100,000 connections
 * is one finding, and the memory this takes is bounded by the number of code locations.
 */
final class AnomalyGroups {

    private static final int EXAMPLES = 3;
    private static final int MAX_GROUPS = 1000;
    private static final String OTHER_LOCATIONS = "(other locations)";

    private record Key(AnomalyKind kind, String location) {
    }

    private static final class Group {
        long count;
        final List<Anomaly> examples = new ArrayList<>(EXAMPLES);
    }

    private final Map<Key, Group> groups = new LinkedHashMap<>();

    void add(Anomaly anomaly) {
        Key key = new Key(anomaly.kind(), anomaly.location());
        if (!groups.containsKey(key) && groups.size() >= MAX_GROUPS) {
            key = new Key(anomaly.kind(), OTHER_LOCATIONS);
        }
        Group group = groups.computeIfAbsent(key, k -> new Group());
        group.count++;
        if (group.examples.size() < EXAMPLES) {
            group.examples.add(anomaly);
        }
    }

    /** Worst kind first; within a kind, the most frequent location first. */
    List<AnomalyGroup> groups() {
        return groups.entrySet().stream()
                .map(e -> new AnomalyGroup(e.getKey().kind(), e.getKey().location(), e.getValue().count,
                        List.copyOf(e.getValue().examples)))
                .sorted(Comparator.comparing(AnomalyGroup::kind)
                        .thenComparing(Comparator.comparingLong(AnomalyGroup::count).reversed())
                        .thenComparing(AnomalyGroup::location))
                .toList();
    }
}
