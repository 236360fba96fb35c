package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.Addresses;
import dev.tcpflight.cli.recording.ConnectionKey;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.schema.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds both ends of each connection: one end's local endpoint is the other's remote and the other way round,
 * whether both were recorded by one JVM (loopback) or by two. A 4-tuple is reused once its connection is gone,
 * so among several candidates the one that started closest in time wins. Listeners have no peer: left out.
 */
public final class Pairing {

    private Pairing() {
    }

    /** One pair per connection, in the order they started; ends without a recorded peer are pairs of one. */
    public static List<ConnectionPair> pair(List<ConnectionTimeline> timelines) {
        List<ConnectionTimeline> ends = timelines.stream()
                .filter(t -> !t.socket().is(Role.LISTENER))
                .sorted(ConnectionTimeline.BY_START)
                .toList();
        Map<String, List<ConnectionTimeline>> byTuple = new HashMap<>();
        ends.forEach(t -> byTuple.computeIfAbsent(tuple(t.socket().local(), t.socket().remote()),
                k -> new ArrayList<>()).add(t));
        Set<ConnectionKey> paired = new HashSet<>();
        List<ConnectionPair> pairs = new ArrayList<>();
        for (ConnectionTimeline end : ends) {
            if (paired.add(end.key())) {
                Optional<ConnectionTimeline> peer = byTuple
                        .getOrDefault(tuple(end.socket().remote(), end.socket().local()), List.of()).stream()
                        .filter(candidate -> !paired.contains(candidate.key()))
                        .min(Comparator.comparing(candidate ->
                                Duration.between(candidate.start(), end.start()).abs()));
                peer.ifPresent(p -> paired.add(p.key()));
                pairs.add(orient(end, peer));
            }
        }
        return pairs;
    }

    /** The client on the left; between two of a kind, the one that started first (this one). */
    private static ConnectionPair orient(ConnectionTimeline end, Optional<ConnectionTimeline> peer) {
        boolean peerOnLeft = peer.map(p -> p.socket().is(Role.CLIENT) && !end.socket().is(Role.CLIENT))
                .orElse(end.socket().is(Role.SERVER));
        return peerOnLeft ? new ConnectionPair(peer, Optional.of(end)) : new ConnectionPair(Optional.of(end), peer);
    }

    private static String tuple(Endpoint local, Endpoint remote) {
        return Addresses.canonical(local.address()) + "|" + local.port() + "|"
                + Addresses.canonical(remote.address()) + "|" + remote.port();
    }
}
