package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.WireCapture.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 793 states one endpoint passes through, as the packets of its connection show them: the handshake
 * (who sent the first SYN), then each FIN and RST in capture order. A recording may skip states the JVM cannot
 * see (a short FIN_WAIT_2 between two looks of the kernel sampler) but never add one, so what it records must be
 * a subsequence of one of these paths.
 *
 * <p>The capture shows segments, not acknowledgement numbers as this reads them: when the peer's FIN is the first
 * thing it sends after ours, it may have acknowledged ours (FIN_WAIT_2, the usual loopback case) or crossed it
 * (CLOSING, a simultaneous close), so both paths are offered.
 */
record WirePath(int localPort, boolean client, List<List<String>> alternatives) {

    /** The paths {@code packets} (one connection, capture order) imply for the endpoint on {@code localPort}. */
    static WirePath of(int localPort, List<Packet> packets) {
        List<Packet> own = oneConnection(packets);
        boolean client = !own.isEmpty() && own.get(0).syn() && own.get(0).fromPort() == localPort;
        List<String> opening = client ? List.of("CLOSED", "SYN_SENT", "ESTABLISHED")
                : List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED");
        List<List<String>> paths = new ArrayList<>();
        paths.add(new ArrayList<>(opening));
        String state = "ESTABLISHED";
        Packet ourFin = null;
        boolean peerSpokeAfterOurFin = false;
        for (Packet p : own) {
            boolean ours = p.fromPort() == localPort;
            if (p.rst()) {
                appendAll(paths, "CLOSED");
                break;
            }
            if (ourFin != null && !ours && !p.fin()) {
                peerSpokeAfterOurFin = true;
            }
            if (!p.fin()) {
                if (state.equals("LAST_ACK") && !ours) { // the ACK of our FIN
                    state = "CLOSED";
                    appendAll(paths, state);
                }
                continue;
            }
            if (ours && ourFin == null) {
                ourFin = p;
                state = state.equals("CLOSE_WAIT") ? "LAST_ACK" : "FIN_WAIT_1";
                appendAll(paths, state);
            } else if (!ours && (state.equals("ESTABLISHED"))) {
                state = "CLOSE_WAIT";
                appendAll(paths, state);
            } else if (!ours && state.equals("FIN_WAIT_1")) {
                state = "TIME_WAIT";
                paths = peerSpokeAfterOurFin ? appended(paths, "FIN_WAIT_2", "TIME_WAIT")
                        : forked(paths, List.of("FIN_WAIT_2", "TIME_WAIT"), List.of("CLOSING", "TIME_WAIT"));
            }
        }
        return new WirePath(localPort, client, paths.stream().map(List::copyOf).toList());
    }

    /** Whether {@code recorded} (a state, then each transition's new state) skips states of a path but adds none. */
    boolean admits(List<String> recorded) {
        return alternatives.stream().anyMatch(path -> isSubsequence(recorded, path));
    }

    /**
     * The packets up to a second SYN on the same ports: Linux reuses a loopback TIME_WAIT tuple after a second,
     * and what follows belongs to a new connection.
     */
    private static List<Packet> oneConnection(List<Packet> packets) {
        List<Packet> own = new ArrayList<>();
        boolean closing = false;
        for (Packet p : packets) {
            if (closing && p.syn() && !p.flags().contains(".")) {
                break;
            }
            closing |= p.fin() || p.rst();
            own.add(p);
        }
        return own;
    }

    private static boolean isSubsequence(List<String> recorded, List<String> path) {
        int at = 0;
        for (String state : recorded) {
            while (at < path.size() && !path.get(at).equals(state)) {
                at++;
            }
            if (at == path.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static void appendAll(List<List<String>> paths, String state) {
        paths.forEach(path -> path.add(state));
    }

    private static List<List<String>> appended(List<List<String>> paths, String... states) {
        paths.forEach(path -> path.addAll(List.of(states)));
        return paths;
    }

    private static List<List<String>> forked(List<List<String>> paths, List<String> one, List<String> other) {
        List<List<String>> both = new ArrayList<>();
        for (List<String> path : paths) {
            List<String> first = new ArrayList<>(path);
            first.addAll(one);
            List<String> second = new ArrayList<>(path);
            second.addAll(other);
            both.add(first);
            both.add(second);
        }
        return both;
    }
}
