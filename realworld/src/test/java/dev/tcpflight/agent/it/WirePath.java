package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.WireCapture.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The RFC 793 states one endpoint passes through, as the packets of its connection show them: the handshake
 * (who sent the first SYN), then the close. A recording may skip states the JVM cannot see (a short FIN_WAIT_2
 * between two looks of the kernel sampler) but never add one, so what it records must be a subsequence of this
 * path.
 *
 * <p>Who closed first is read from the acknowledgement numbers, not from the capture order: on two CPUs an end
 * may send its FIN a few microseconds after the peer's was captured but before it was processed (both FINs then
 * cross: a simultaneous close, CLOSING on both ends). An end whose FIN acknowledges the peer's had received it:
 * it was in CLOSE_WAIT.
 */
record WirePath(int localPort, boolean client, boolean closedFirst, List<String> states) {

    /** The path {@code packets} (one connection, capture order) imply for the endpoint on {@code localPort}. */
    static WirePath of(int localPort, List<Packet> packets) {
        List<Packet> own = beforeReset(oneConnection(packets));
        boolean client = !own.isEmpty() && own.get(0).syn() && own.get(0).fromPort() == localPort;
        List<String> states = new ArrayList<>(client ? List.of("CLOSED", "SYN_SENT", "ESTABLISHED")
                : List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED"));
        Predicate<Packet> ours = p -> p.fromPort() == localPort;
        Packet ourFin = first(own, p -> p.fin() && ours.test(p));
        Packet peerFin = first(own, p -> p.fin() && !ours.test(p));
        boolean weFirst = ourFin != null && (peerFin == null || !ourFin.acknowledges(peerFin));
        if (weFirst) {
            states.add("FIN_WAIT_1");
            int peerFinAt = peerFin == null ? own.size() : own.indexOf(peerFin);
            boolean acked = own.subList(0, Math.min(own.size(), peerFinAt + 1)).stream()
                    .anyMatch(p -> !ours.test(p) && p.acknowledges(ourFin));
            if (acked) {
                states.add("FIN_WAIT_2");
            }
            if (peerFin != null) {
                states.addAll(acked ? List.of("TIME_WAIT") : List.of("CLOSING", "TIME_WAIT"));
            }
        } else if (peerFin != null) {
            states.add("CLOSE_WAIT");
            if (ourFin != null) {
                states.add("LAST_ACK");
                if (own.stream().anyMatch(p -> !ours.test(p) && p.acknowledges(ourFin))) {
                    states.add("CLOSED");
                }
            }
        }
        List<Packet> all = oneConnection(packets);
        Packet reset = first(all, Packet::rst);
        if (reset != null && !ours.test(reset) && ourFin == null && states.get(states.size() - 1).equals("ESTABLISHED")
                && first(all.subList(all.indexOf(reset) + 1, all.size()), p -> p.fin() && ours.test(p)) != null) {
            // Our FIN captured just after the peer's RST: it left before this end had processed the RST (crossed)
            states.add("FIN_WAIT_1");
        }
        if (reset != null && !states.get(states.size() - 1).equals("CLOSED")) {
            states.add("CLOSED");
        }
        return new WirePath(localPort, client, weFirst || reset != null && ourFin == null && peerFin == null
                && ours.test(reset), List.copyOf(states));
    }

    /** Whether {@code recorded} (a state, then each transition's new state) skips states of the path but adds none. */
    boolean admits(List<String> recorded) {
        int at = 0;
        for (String state : recorded) {
            while (at < states.size() && !states.get(at).equals(state)) {
                at++;
            }
            if (at == states.size()) {
                return false;
            }
            at++;
        }
        return true;
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

    /** An RST ends the connection: what comes after it is not part of its close. */
    private static List<Packet> beforeReset(List<Packet> packets) {
        Packet reset = first(packets, Packet::rst);
        return reset == null ? packets : packets.subList(0, packets.indexOf(reset));
    }

    private static Packet first(List<Packet> packets, Predicate<Packet> which) {
        return packets.stream().filter(which).findFirst().orElse(null);
    }
}
