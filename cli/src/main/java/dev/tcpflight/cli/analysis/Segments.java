package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.schema.Trigger;
import java.util.List;
import java.util.Map;

/**
 * The segments a transition implies on the wire, by RFC 793: a socket that goes from CLOSED to SYN_SENT sent a
 * SYN; one that goes from ESTABLISHED to CLOSE_WAIT received a FIN, which its kernel acknowledged.
 */
final class Segments {

    /** A segment sent or received by the end that made the transition. */
    record Implied(SegmentKind kind, boolean sent) {
    }

    private static final Implied SENT_SYN = new Implied(SegmentKind.SYN, true);
    private static final Implied SENT_SYN_ACK = new Implied(SegmentKind.SYN_ACK, true);
    private static final Implied SENT_ACK = new Implied(SegmentKind.ACK, true);
    private static final Implied SENT_FIN = new Implied(SegmentKind.FIN, true);
    private static final Implied SENT_RST = new Implied(SegmentKind.RST, true);
    private static final Implied GOT_SYN = new Implied(SegmentKind.SYN, false);
    private static final Implied GOT_SYN_ACK = new Implied(SegmentKind.SYN_ACK, false);
    private static final Implied GOT_ACK = new Implied(SegmentKind.ACK, false);
    private static final Implied GOT_FIN = new Implied(SegmentKind.FIN, false);
    private static final Implied GOT_RST = new Implied(SegmentKind.RST, false);

    // In causal order: what was received comes before what is sent in answer.
    private static final Map<String, List<Implied>> BY_TRANSITION = Map.ofEntries(
            Map.entry("CLOSED>SYN_SENT", List.of(SENT_SYN)),
            Map.entry("SYN_SENT>ESTABLISHED", List.of(GOT_SYN_ACK, SENT_ACK)),
            Map.entry("LISTEN>SYN_RECEIVED", List.of(GOT_SYN, SENT_SYN_ACK)),
            Map.entry("SYN_RECEIVED>ESTABLISHED", List.of(GOT_ACK)),
            Map.entry("ESTABLISHED>FIN_WAIT_1", List.of(SENT_FIN)),
            Map.entry("ESTABLISHED>CLOSE_WAIT", List.of(GOT_FIN, SENT_ACK)),
            Map.entry("CLOSE_WAIT>LAST_ACK", List.of(SENT_FIN)),
            Map.entry("FIN_WAIT_1>FIN_WAIT_2", List.of(GOT_ACK)),
            Map.entry("FIN_WAIT_1>CLOSING", List.of(GOT_FIN, SENT_ACK)),
            Map.entry("FIN_WAIT_1>TIME_WAIT", List.of(GOT_FIN, SENT_ACK)),
            Map.entry("FIN_WAIT_2>TIME_WAIT", List.of(GOT_FIN, SENT_ACK)),
            Map.entry("CLOSING>TIME_WAIT", List.of(GOT_ACK)),
            Map.entry("LAST_ACK>CLOSED", List.of(GOT_ACK)));

    private Segments() {
    }

    static List<Implied> of(Transition transition) {
        if (transition.resetSent()) {
            return List.of(SENT_RST);
        }
        if (transition.resetReceived() || transition.is(Trigger.CONNECT_REFUSED)) {
            return List.of(GOT_RST);
        }
        return BY_TRANSITION.getOrDefault(transition.fromState() + ">" + transition.toState(), List.of());
    }
}
