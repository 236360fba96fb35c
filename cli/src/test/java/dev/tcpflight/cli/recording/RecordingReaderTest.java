package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.fake.FakeSocket;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

    @TempDir
    Path dir;

    @Test
    void groupsTransitionsPerConnectionInTheOrderTheyHappened() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(file)).readAll();

        assertEquals(List.of(1L, 2L, 3L, 4L), timelines.stream().map(ConnectionTimeline::id).toList());
        ConnectionTimeline server = timelines.get(2);
        assertEquals(List.of("LISTEN>SYN_RECEIVED", "SYN_RECEIVED>ESTABLISHED", "ESTABLISHED>CLOSE_WAIT",
                "CLOSE_WAIT>LAST_ACK"), states(server));
        assertEquals(List.of(1, 2, 3, 4), server.transitions().stream().map(Transition::sequence).toList());
        assertEquals(new SocketInfo("server", "java.net.Socket", new Endpoint("127.0.0.1", FakeApp.SERVER_PORT),
                new Endpoint("127.0.0.1", FakeApp.CLIENT_PORT)), server.socket());
        assertEquals(Thread.currentThread().getName(), server.thread());
        assertEquals("read-eof", server.transitions().get(2).trigger());
        assertEquals("inferred", server.transitions().get(0).source());
    }

    @Test
    void attachesTheConnectionEndEvent() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        ConnectionEnd end = RecordingReader.open(List.of(file)).readAll().get(1).end().orElseThrow();

        assertEquals(5, end.bytesRead());
        assertEquals(5, end.bytesWritten());
        assertEquals("FIN_WAIT_1", end.finalState());
        assertEquals("local-close", end.endCause());
        assertTrue(end.duration().toNanos() > 0, "Connection's duration spans open to end");
    }

    @Test
    void ordersTransitionsByTimeNotByPositionInTheFile() throws Exception {
        FakeSocket socket = new FakeSocket(7, "client", "java.net.Socket", "127.0.0.1", 40000, "127.0.0.1", 80);
        Path file = Recordings.record(dir.resolve("late-commit.jfr"), () -> {
            Runnable synSent = socket.begin("CLOSED", "SYN_SENT", "connect", "api");
            socket.transition("SYN_SENT", "ESTABLISHED", "connect", "api");
            synSent.run(); // written to the file after the later transition
        });

        ConnectionTimeline timeline = RecordingReader.open(List.of(file)).readAll().get(0);

        assertEquals(List.of("CLOSED>SYN_SENT", "SYN_SENT>ESTABLISHED"), states(timeline));
    }

    /** A connect's two steps in one event (the agent's since 2026-12-04): two transitions, at its start and end. */
    @Test
    void oneEventForACallsTwoStepsIsTwoTransitions() throws Exception {
        FakeSocket client = new FakeSocket(7, "client", "java.net.Socket", "127.0.0.1", 40000, "127.0.0.1", 80);
        FakeSocket server = new FakeSocket(8, "server", "java.net.Socket", "127.0.0.1", 80, "127.0.0.1", 40000);
        Path file = Recordings.record(dir.resolve("calls.jfr"), () -> {
            Runnable connect = client.beginCall("CLOSED", "SYN_SENT", "ESTABLISHED", "connect", "api", "api");
            sleep(5);
            connect.run();
            server.beginCall("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "accept", "inferred", "api").run();
            client.transition("ESTABLISHED", "FIN_WAIT_1", "close", "api");
        });

        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(file)).readAll();

        List<Transition> connect = timelines.get(0).transitions();
        assertEquals(List.of("CLOSED>SYN_SENT", "SYN_SENT>ESTABLISHED", "ESTABLISHED>FIN_WAIT_1"),
                states(timelines.get(0)));
        assertEquals(List.of(1, 2, 3), connect.stream().map(Transition::sequence).toList());
        assertEquals(List.of("connect", "connect", "close"), connect.stream().map(Transition::trigger).toList());
        assertTrue(!connect.get(1).time().isBefore(connect.get(0).time().plusMillis(5)),
                "SYN_SENT lasted the call: " + connect.get(0).time() + " to " + connect.get(1).time());
        List<Transition> accept = timelines.get(1).transitions();
        assertEquals(List.of("LISTEN>SYN_RECEIVED", "SYN_RECEIVED>ESTABLISHED"), states(timelines.get(1)));
        assertEquals(List.of("inferred", "api"), accept.stream().map(Transition::source).toList());
        assertEquals(accept.get(0).topFrame(), accept.get(1).topFrame(), "one call, one code location");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aConnectionWhoseEventsAreInSeveralChunksIsOneTimeline() throws Exception {
        FakeSocket socket = new FakeSocket(7, "client", "java.net.Socket", "127.0.0.1", 40000, "127.0.0.1", 80);
        Path file = Recordings.recordInChunks(dir.resolve("chunks.jfr"),
                () -> socket.transition("CLOSED", "SYN_SENT", "connect", "api"),
                () -> socket.transition("SYN_SENT", "ESTABLISHED", "connect", "api"),
                () -> socket.end(0, 0, "ESTABLISHED", "local-close"));

        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(file)).readAll();

        assertEquals(1, timelines.size());
        assertEquals(List.of("CLOSED>SYN_SENT", "SYN_SENT>ESTABLISHED"), states(timelines.get(0)));
        assertEquals("local-close", timelines.get(0).end().orElseThrow().endCause());
    }

    @Test
    void keysConnectionsByRecordingBecauseIdsRepeatAcrossJvms() throws Exception {
        Path first = Recordings.record(dir.resolve("first.jfr"), FakeApp::handshakeAndClose);
        Path second = Recordings.record(dir.resolve("second.jfr"), FakeApp::handshakeAndClose);

        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(first, second)).readAll();

        assertEquals(8, timelines.size());
        assertEquals(List.of(first, first, first, first, second, second, second, second),
                timelines.stream().map(t -> t.key().recording()).toList());
        ConnectionTimeline secondServer = timelines.get(6);
        assertEquals(3, secondServer.id());
        assertEquals(4, secondServer.transitions().size(), "not merged with the first file's connection 3");
    }

    @Test
    void aFileGivenTwiceIsReadOnce() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        assertEquals(4, RecordingReader.open(List.of(file, file)).readAll().size());
    }

    @Test
    void topFrameIsTheFirstFrameOutsideTheJdkAndTheAgent() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(file)).readAll();

        assertTrue(timelines.get(1).transitions().get(0).topFrame().matches("FakeApp\\.handshakeAndClose:\\d+"),
                timelines.get(1).transitions().get(0).topFrame());
        assertTrue(timelines.get(2).transitions().get(0).topFrame().matches("FakeApp\\.accept:\\d+"),
                timelines.get(2).transitions().get(0).topFrame());
    }

    @Test
    void topFrameIsEmptyWithoutStackTraces() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), false, FakeApp::handshakeAndClose);

        ConnectionTimeline client = RecordingReader.open(List.of(file)).readAll().get(1);

        assertEquals("", client.transitions().get(0).topFrame());
    }

    @Test
    void connectionWhoseTransitionsPrecedeTheRecordingStillShowsItsEnd() throws Exception {
        FakeSocket socket = new FakeSocket(9, "client", "java.net.Socket", "::1", 40001, "::1", 443);
        Path file = Recordings.record(dir.resolve("late-start.jfr"), () -> socket.end(1, 2, "CLOSED", "reset"));

        ConnectionTimeline timeline = RecordingReader.open(List.of(file)).readAll().get(0);

        assertEquals(List.of(), timeline.transitions());
        assertEquals("[::1]:40001", timeline.socket().local().toString());
        assertEquals("", timeline.thread());
    }

    private static List<String> states(ConnectionTimeline timeline) {
        return timeline.transitions().stream().map(t -> t.fromState() + ">" + t.toState()).toList();
    }

    @Test
    void theRecordingSpanCoversItsEventsAndStartIsTheEarliest() throws Exception {
        Instant before = Instant.now();
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);
        Path later = Recordings.record(dir.resolve("later.jfr"), FakeApp::handshakeAndClose);

        RecordingReader reader = RecordingReader.open(List.of(later, file));
        RecordingSpan span = reader.recordings().get(1);
        List<ConnectionTimeline> timelines = RecordingReader.open(List.of(file)).readAll();

        assertTrue(!span.start().isBefore(before.minusSeconds(1)) && !span.start().isAfter(timelines.get(0).start()),
                span + " starts before the first transition");
        assertTrue(!span.end().isBefore(timelines.get(0).until()), span + " ends after the last event");
        assertEquals(span.start(), reader.start());
    }

    @Test
    void tellsProgressEveryFewThousandEventsAndWhenDone() throws Exception {
        FakeSocket socket = new FakeSocket(1, "client", "java.net.Socket", "127.0.0.1", 40000, "127.0.0.1", 80);
        Path file = Recordings.record(dir.resolve("busy.jfr"), false, () -> {
            for (int i = 0; i < 5000; i++) {
                socket.transition("ESTABLISHED", "ESTABLISHED", "test", "api");
            }
        });
        List<Long> updates = new ArrayList<>();
        boolean[] done = {false};

        RecordingReader.open(List.of(file)).scan(new Progress() {
            @Override
            public void update(Path f, long eventsRead) {
                updates.add(eventsRead);
            }

            @Override
            public void done() {
                done[0] = true;
            }
        }, timeline -> { });

        assertTrue(updates.contains(4096L), updates.toString());
        assertTrue(done[0]);
    }
}
