package dev.tcpflight.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Timelines;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LadderTest {

    @Test
    void eachSegmentIsDrawnOnceAtTheEarlierOfItsTwoTimesInTextbookOrder() {
        ConnectionPair pair = Pairing.pair(Timelines.handshakeAndClose()).get(0);

        assertEquals(List.of(
                "L SYN_SENT  SYN→",
                "←SYN+ACK",
                "L ESTABLISHED  ACK→",
                "R SYN_RECEIVED",
                "R ESTABLISHED",
                "L FIN_WAIT_1  FIN→",
                "R CLOSE_WAIT  ←ACK",
                "R LAST_ACK  ←FIN"), describe(Ladder.steps(pair)));
    }

    @Test
    void aSegmentSeenEarlierByItsReceiverIsDrawnBeforeTheReceiversChange() {
        // The server's accept (which implies it sent SYN+ACK) was noticed before the client's connect returned.
        ConnectionTimeline client = Timelines.connection(2, "client", "127.0.0.1:50123", "127.0.0.1:5000")
                .at(0, "CLOSED", "SYN_SENT", "connect", "").at(5, "SYN_SENT", "ESTABLISHED", "connect", "").open(6);
        ConnectionTimeline server = Timelines.connection(3, "server", "127.0.0.1:5000", "127.0.0.1:50123")
                .at(1, "LISTEN", "SYN_RECEIVED", "accept", "").at(1, "SYN_RECEIVED", "ESTABLISHED", "accept", "")
                .open(6);

        List<LadderStep> steps = Ladder.steps(new ConnectionPair(Optional.of(client), Optional.of(server)));

        assertEquals(List.of("L SYN_SENT  SYN→", "R SYN_RECEIVED  ←SYN+ACK", "ACK→", "R ESTABLISHED",
                "L ESTABLISHED"), describe(steps));
    }

    @Test
    void resetsAreSentByAnAbortiveCloseAndReceivedWithAnException() {
        ConnectionTimeline client = Timelines.connection(2, "client", "127.0.0.1:50123", "127.0.0.1:5000")
                .at(0, "ESTABLISHED", "CLOSED", "reset", "").detail("SO_LINGER 0").open(2);
        ConnectionTimeline server = Timelines.connection(3, "server", "127.0.0.1:5000", "127.0.0.1:50123")
                .at(1, "ESTABLISHED", "CLOSED", "reset", "").detail("java.net.SocketException: Connection reset")
                .open(2);

        assertEquals(List.of("L CLOSED  RST→", "R CLOSED"),
                describe(Ladder.steps(new ConnectionPair(Optional.of(client), Optional.of(server)))));
    }

    @Test
    void oneEndAloneDrawsEverySegmentItImplies() {
        ConnectionPair refused = Pairing.pair(Timelines.handshakeAndClose()).get(1);

        assertEquals(List.of("L SYN_SENT  SYN→", "←RST", "L CLOSED"), describe(Ladder.steps(refused)));
    }

    @Test
    void halfCloseEndsWithTheActiveCloserAcknowledgingThePeersFin() {
        ConnectionTimeline client = Timelines.connection(2, "client", "127.0.0.1:50123", "127.0.0.1:5000")
                .at(0, "ESTABLISHED", "FIN_WAIT_1", "shutdown-output", "")
                .at(3, "FIN_WAIT_1", "TIME_WAIT", "read-eof", "").open(4);
        ConnectionTimeline server = Timelines.connection(3, "server", "127.0.0.1:5000", "127.0.0.1:50123")
                .at(1, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "").at(2, "CLOSE_WAIT", "LAST_ACK", "close", "")
                .open(4);

        assertEquals(List.of("L FIN_WAIT_1  FIN→", "R CLOSE_WAIT  ←ACK", "R LAST_ACK  ←FIN", "L TIME_WAIT  ACK→"),
                describe(Ladder.steps(new ConnectionPair(Optional.of(client), Optional.of(server)))));
    }

    /** {@code L STATE  KIND→}: the side that changed, its new state, and the arrow on the same row. */
    private static List<String> describe(List<LadderStep> steps) {
        return steps.stream().map(step -> {
            String change = step.leftChange() != null ? "L " + step.leftChange().toState()
                    : step.rightChange() != null ? "R " + step.rightChange().toState() : "";
            String arrow = step.arrow() == null ? "" : step.arrow().rightward()
                    ? step.arrow().kind().label() + "→" : "←" + step.arrow().kind().label();
            return change.isEmpty() ? arrow : arrow.isEmpty() ? change : change + "  " + arrow;
        }).toList();
    }
}
