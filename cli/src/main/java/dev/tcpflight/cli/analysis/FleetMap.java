package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.Addresses;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.schema.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which JVM talks to which: the pairs of ends {@link Pairing} found across the recordings, grouped by client JVM
 * and server JVM and port, each counted once whichever ends were recorded. An end without a recorded peer stands
 * for an external one, known by its address. Failures and leaks are those {@link ConnectionAnomalies} finds, so
 * the map and {@code summary} agree.
 */
public final class FleetMap {

    private static final Set<AnomalyKind> FAILURES = EnumSet.of(AnomalyKind.RESET, AnomalyKind.CONNECT_TIMEOUT,
            AnomalyKind.REFUSED, AnomalyKind.CONNECT_FAILED);
    private static final Set<AnomalyKind> LEAKS = EnumSet.of(AnomalyKind.CLOSE_WAIT, AnomalyKind.LEAKED,
            AnomalyKind.NEVER_CLOSED);

    private record EdgeKey(MapNode client, MapNode server, int port) {
    }

    private FleetMap() {
    }

    /** The edges in the order of their first connection. */
    public static List<MapEdge> of(List<ConnectionPair> pairs, Duration closeWaitThreshold) {
        Map<String, MapNode> servers = servers(pairs);
        Map<EdgeKey, List<ConnectionPair>> byEdge = new LinkedHashMap<>();
        pairs.forEach(pair -> byEdge.computeIfAbsent(edgeKey(pair, servers), k -> new ArrayList<>()).add(pair));
        List<MapEdge> edges = new ArrayList<>();
        byEdge.forEach((key, edgePairs) -> edges.add(edge(key, edgePairs, closeWaitThreshold)));
        return edges;
    }

    /**
     * The recorded JVM that accepted connections at each endpoint, where just one did: a connect to it that was
     * refused or timed out (during a restart, under load) has no server end, yet belongs on its edge.
     */
    private static Map<String, MapNode> servers(List<ConnectionPair> pairs) {
        Map<String, Set<MapNode>> byEndpoint = new HashMap<>();
        pairs.stream().flatMap(ConnectionPair::ends).filter(end -> end.socket().is(Role.SERVER))
                .forEach(end -> byEndpoint.computeIfAbsent(endpoint(end.socket().local()), k -> new HashSet<>())
                        .add(MapNode.recorded(end.key().recording())));
        Map<String, MapNode> servers = new HashMap<>();
        byEndpoint.forEach((endpoint, nodes) -> {
            if (nodes.size() == 1) {
                servers.put(endpoint, nodes.iterator().next());
            }
        });
        return servers;
    }

    private static String endpoint(Endpoint endpoint) {
        return Addresses.canonical(endpoint.address()) + "|" + endpoint.port();
    }

    /**
     * Client node, server node, server port. A lone client end's server is the recorded JVM that serves its
     * remote endpoint, else external; a lone server end's client is external, its port ephemeral.
     */
    private static EdgeKey edgeKey(ConnectionPair pair, Map<String, MapNode> servers) {
        if (pair.complete()) {
            ConnectionTimeline server = pair.right().orElseThrow();
            return new EdgeKey(MapNode.recorded(pair.left().orElseThrow().key().recording()),
                    MapNode.recorded(server.key().recording()), server.socket().local().port());
        }
        ConnectionTimeline end = pair.ends().findFirst().orElseThrow();
        SocketInfo socket = end.socket();
        MapNode recorded = MapNode.recorded(end.key().recording());
        MapNode external = MapNode.external(Addresses.canonical(socket.remote().address()));
        return socket.is(Role.SERVER)
                ? new EdgeKey(external, recorded, socket.local().port())
                : new EdgeKey(recorded, servers.getOrDefault(endpoint(socket.remote()), external),
                        socket.remote().port());
    }

    private static MapEdge edge(EdgeKey key, List<ConnectionPair> pairs, Duration closeWaitThreshold) {
        Map<AnomalyKind, Long> kinds = new EnumMap<>(AnomalyKind.class);
        long failed = 0;
        long leaking = 0;
        for (ConnectionPair pair : pairs) {
            // Both ends of one reset show it (one sent, one received): a kind counts once per connection.
            Set<AnomalyKind> shown = pair.ends()
                    .flatMap(end -> ConnectionAnomalies.of(end, closeWaitThreshold).stream())
                    .map(Anomaly::kind)
                    .filter(kind -> FAILURES.contains(kind) || LEAKS.contains(kind))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(AnomalyKind.class)));
            shown.forEach(kind -> kinds.merge(kind, 1L, Long::sum));
            failed += shown.stream().anyMatch(FAILURES::contains) ? 1 : 0;
            leaking += shown.stream().anyMatch(LEAKS::contains) ? 1 : 0;
        }
        return new MapEdge(key.client(), key.server(), key.port(), pairs.size(), failed, leaking, kinds);
    }
}
