package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.Timelines;
import dev.tcpflight.schema.TcpState;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ConnectionFilterTest {

    private static final List<ConnectionTimeline> MODEL = Timelines.handshakeAndClose();

    @Test
    void everyCriterionIsOptionalAndAllGivenMustHold() {
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(new ConnectionFilter(null, Set.of(), Set.of(), Set.of(), null,
                null)));
        assertEquals(List.of(2L, 3L), ids(new ConnectionFilter(50123, Set.of(), Set.of(), Set.of(), null, null)));
        assertEquals(List.of(3L), ids(new ConnectionFilter(50123, Set.of(), Set.of(TcpState.CLOSE_WAIT), Set.of(),
                null, null)));
    }

    @Test
    void hostMatchesTheLocalOrTheRemoteAddress() {
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(filter(Set.of("127.0.0.1"), null, null)));
        assertEquals(List.of(), ids(filter(Set.of("10.0.0.1"), null, null)));
    }

    @Test
    void stateMeansEnteredAtSomePointNotJustLeft() {
        // The accepted socket's first transition leaves LISTEN: the listener was in it, not this socket.
        assertEquals(List.of(1L), ids(new ConnectionFilter(null, Set.of(), Set.of(TcpState.LISTEN), Set.of(), null,
                null)));
        assertEquals(List.of(1L, 4L), ids(new ConnectionFilter(null, Set.of(), Set.of(TcpState.CLOSED), Set.of(),
                null, null)));
    }

    @Test
    void timeWindowKeepsConnectionsAliveInIt() {
        // Lifetimes: #1 0-10 ms, #2 1-6.1 ms, #3 2-8 ms, #4 9-9.5 ms.
        assertEquals(List.of(1L, 3L, 4L), ids(filter(Set.of(), Timelines.at(7), null)));
        assertEquals(List.of(1L, 2L), ids(filter(Set.of(), null, Timelines.at(1.5))));
        assertEquals(List.of(1L, 2L, 3L), ids(filter(Set.of(), Timelines.at(6), Timelines.at(6))));
    }

    @Test
    void connectionIds() {
        assertEquals(List.of(2L, 4L), ids(new ConnectionFilter(null, Set.of(), Set.of(), Set.of(2L, 4L), null, null)));
    }

    private static ConnectionFilter filter(Set<String> hosts, java.time.Instant since, java.time.Instant until) {
        return new ConnectionFilter(null, hosts, Set.of(), Set.of(), since, until);
    }

    private static List<Long> ids(Predicate<ConnectionTimeline> filter) {
        return MODEL.stream().filter(filter).map(ConnectionTimeline::id).toList();
    }
}
