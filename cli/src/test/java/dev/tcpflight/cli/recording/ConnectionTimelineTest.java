package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.Timelines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionTimelineTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final ConnectionKey KEY = new ConnectionKey(Path.of("a.jfr"), 1);

    @Test
    void sequenceOrdersTransitionsWithTheSameTimestamp() {
        SocketInfo socket = socket(40000);
        ConnectionTimeline timeline = new ConnectionTimeline(KEY, List.of(
                transition(T0, 2, "SYN_SENT", "ESTABLISHED", socket),
                transition(T0, 1, "CLOSED", "SYN_SENT", socket)), Optional.empty(), T0);

        assertEquals(List.of(1, 2), timeline.transitions().stream().map(Transition::sequence).toList());
    }

    @Test
    void endpointsComeFromTheLatestTransitionWhenTheConnectionHasNotEnded() {
        ConnectionTimeline timeline = new ConnectionTimeline(KEY, List.of(
                transition(T0, 1, "CLOSED", "SYN_SENT", socket(0)),
                transition(T0.plusMillis(1), 2, "SYN_SENT", "ESTABLISHED", socket(40000))), Optional.empty(), T0);

        assertEquals(40000, timeline.socket().local().port());
    }

    @Test
    void listenerRemoteEndShowsLikeNetstat() {
        assertEquals("*:*", new Endpoint("", 0).toString());
        assertEquals("127.0.0.1:5000", new Endpoint("127.0.0.1", 5000).toString());
    }

    private static SocketInfo socket(int localPort) {
        return new SocketInfo("client", "java.net.Socket", new Endpoint("127.0.0.1", localPort),
                new Endpoint("127.0.0.1", 80));
    }

    private static Transition transition(Instant time, int sequence, String from, String to, SocketInfo socket) {
        return new Transition(time, sequence, from, to, "connect", "api", "", "main", StackTrace.NONE, socket);
    }

    @Test
    void spansRunFromEachTransitionToTheNextAndTheLastToTheConnectionsEnd() {
        ConnectionTimeline client = Timelines.handshakeAndClose().get(1);

        assertEquals(List.of("SYN_SENT 0.500 ms", "ESTABLISHED 4.500 ms", "FIN_WAIT_1 0.100 ms"),
                client.spans().stream().map(s -> s.state() + " " + Durations.millis(s.duration())).toList());
    }

    @Test
    void closedHasNoSpanAndAnOpenConnectionsLastSpanRunsToTheRecordingsEnd() {
        ConnectionTimeline refused = Timelines.handshakeAndClose().get(3);
        ConnectionTimeline open = Timelines.connection(9, "client", "127.0.0.1:1", "127.0.0.1:2")
                .at(1, "CLOSED", "SYN_SENT", "connect", "").open(31);

        assertEquals(List.of("SYN_SENT"), refused.spans().stream().map(StateSpan::state).toList());
        assertEquals(Duration.ofMillis(30), open.spans().get(0).duration());
        assertEquals("SYN_SENT", open.finalState());
        assertTrue(open.openAtEnd());
    }
}
