package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionAssemblerTest {

    private static final Instant T0 = Instant.parse("2025-01-31T10:15:30Z");
    private static final Instant RECORDING_END = T0.plusSeconds(600);
    private static final SocketInfo SOCKET = new SocketInfo("client", "java.net.Socket",
            new Endpoint("127.0.0.1", 40000), new Endpoint("127.0.0.1", 80));

    private final List<ConnectionTimeline> completed = new ArrayList<>();
    private final ConnectionAssembler assembler = new ConnectionAssembler(completed::add, RECORDING_END);

    @Test
    void handsOnAnEndedConnectionWhenItsChunkIsRead() {
        assembler.transition(key(1), transition(1, 0, "ESTABLISHED", "FIN_WAIT_1", "close"));
        assembler.end(key(1), end(1)); // ends at T0 + 1 s
        assembler.transition(key(2), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));

        assembler.readUpTo(T0.plusSeconds(3));
        assertEquals(List.of(), completed, "a transition of #1 written late may still come");
        assembler.endOfChunk();
        assertEquals(List.of(1L), ids(), "#2 is still open");
        assertEquals(T0.plusSeconds(1), completed.get(0).until());
    }

    @Test
    void orWhenTheEventsReadAreTenSecondsPastItInALargeChunk() {
        assembler.transition(key(1), transition(1, 0, "ESTABLISHED", "FIN_WAIT_1", "close"));
        assembler.end(key(1), end(1));

        assembler.readUpTo(T0.plusSeconds(11));
        assertEquals(List.of(), completed);
        assembler.readUpTo(T0.plusSeconds(11).plusNanos(1));
        assertEquals(List.of(1L), ids());
    }

    /** A chunk of hundreds of megabytes, written faster than GRACE: the ended connections waiting stay bounded. */
    @Test
    void atMostSoManyEndedConnectionsWaitForTheirChunksEnd() {
        int connections = ConnectionAssembler.MAX_ENDED + 1000;
        for (int i = 1; i <= connections; i++) {
            assembler.transition(key(i), transition(1, i / 1000, "ESTABLISHED", "FIN_WAIT_1", "close"));
            assembler.end(key(i), end(1));
        }
        assertEquals(1000, completed.size(), "the first to fall due are handed on before the chunk ends");
        assertEquals(List.of(1L, 2L, 3L), ids().subList(0, 3));
        assembler.transition(key(1), transition(2, 1, "FIN_WAIT_1", "FIN_WAIT_2", "kernel"));
        assertEquals(1, assembler.lateTransitions(), "one coming later is left out and counted");
        assembler.endOfChunk();
        assertEquals(connections, completed.size());
    }

    @Test
    void aTransitionWrittenAfterTheEndStillJoinsItsConnection() {
        assembler.transition(key(1), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));
        assembler.end(key(1), end(1));
        assembler.transition(key(1), transition(2, 500, "SYN_SENT", "ESTABLISHED", "connect"));
        assembler.endOfChunk();

        assertEquals(List.of(1, 2), completed.get(0).transitions().stream().map(Transition::sequence).toList());
    }

    @Test
    void aTransitionThatComesAfterItsConnectionWasHandedOnIsLeftOutAndCounted() {
        assembler.transition(key(1), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));
        assembler.end(key(1), end(1));
        assembler.endOfChunk();
        assembler.transition(key(1), transition(2, 500, "SYN_SENT", "ESTABLISHED", "connect"));
        assembler.endOfFile(T0.plusSeconds(10));

        assertEquals(1, completed.size(), "no second, partial connection #1");
        assertEquals(1, assembler.lateTransitions());
    }

    @Test
    void withAKernelSamplerAnEndedConnectionWaitsForTheKernelToCloseIt() {
        assembler.transition(key(1), transition(1, 0, "ESTABLISHED", "FIN_WAIT_1", "close"));
        assembler.end(key(1), end(1));
        assembler.transition(key(1), transition(2, 1200, "FIN_WAIT_1", "FIN_WAIT_2", "kernel"));
        assembler.transition(key(1), transition(3, 1300, "FIN_WAIT_2", "TIME_WAIT", "kernel"));
        assembler.readUpTo(T0.plusSeconds(60));
        assembler.endOfChunk();
        assertEquals(List.of(), completed, "TIME_WAIT lasts 60 s, across chunks");

        assembler.transition(key(1), transition(4, 61_300, "TIME_WAIT", "CLOSED", "kernel"));
        assembler.endOfChunk();

        assertEquals(List.of(1L), ids());
        assertEquals(T0.plusMillis(61_300), completed.get(0).until(), "until the kernel dropped it");
        assertEquals("TIME_WAIT", completed.get(0).spans().get(2).state());
        assertEquals(Duration.ofSeconds(60), completed.get(0).spans().get(2).duration());
    }

    @Test
    void aConnectionTheKernelNeverReportsClosedIsHandedOnAfterALongerWaitUntilTheRecordingsEnd() {
        assembler.transition(key(1), transition(1, 0, "ESTABLISHED", "FIN_WAIT_1", "close"));
        assembler.end(key(1), end(1));
        assembler.transition(key(1), transition(2, 1200, "FIN_WAIT_1", "FIN_WAIT_2", "kernel"));

        assembler.readUpTo(T0.plusSeconds(67));

        assertEquals(List.of(1L), ids());
        assertEquals(RECORDING_END, completed.get(0).until(), "in FIN_WAIT_2 as far as anyone knows");
    }

    @Test
    void connectionsStillOpenAtTheEndOfTheFileLastUntilTheRecordingEnds() {
        assembler.transition(key(2), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));
        assembler.transition(key(1), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));
        assembler.end(key(1), end(1));
        assembler.endOfFile(T0.plusSeconds(9));

        assertEquals(List.of(1L, 2L), ids(), "ended ones first");
        assertTrue(completed.get(1).openAtEnd());
        assertEquals(T0.plusSeconds(9), completed.get(1).until());
    }

    @Test
    void transitionsOfOneConnectionShareOneSocketInfo() {
        assembler.transition(key(1), transition(1, 0, "CLOSED", "SYN_SENT", "connect"));
        assembler.transition(key(1), new Transition(T0, 2, "SYN_SENT", "ESTABLISHED", "connect", "api", "", "main",
                StackTrace.NONE, new SocketInfo("client", "java.net.Socket", new Endpoint("127.0.0.1", 40000),
                        new Endpoint("127.0.0.1", 80))));
        assembler.endOfFile(T0);

        List<Transition> transitions = completed.get(0).transitions();
        assertSame(transitions.get(0).socket(), transitions.get(1).socket());
    }

    private List<Long> ids() {
        return completed.stream().map(ConnectionTimeline::id).toList();
    }

    private static ConnectionKey key(long id) {
        return new ConnectionKey(Path.of("app.jfr"), id);
    }

    private static Transition transition(int sequence, long millis, String from, String to, String trigger) {
        return new Transition(T0.plusMillis(millis), sequence, from, to, trigger, "api", "", "main", StackTrace.NONE,
                SOCKET);
    }

    private static ConnectionEnd end(long seconds) {
        return new ConnectionEnd(T0, T0.plusSeconds(seconds), 0, 0, "FIN_WAIT_1", "local-close", SOCKET);
    }
}
