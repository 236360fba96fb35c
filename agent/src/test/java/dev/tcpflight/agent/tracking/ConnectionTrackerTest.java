package dev.tcpflight.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.events.JfrRecorder;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker with the real JFR recorder, recorded in-process; sockets are stand-in keys with identity. */
class ConnectionTrackerTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 8080);

    @TempDir
    Path dir;

    private final TestProbe probe = new TestProbe();
    private final ConnectionTracker tracker = new ConnectionTracker(new JfrRecorder(), probe, PortFilter.ALL,
            KernelWatch.NOTHING);

    @Test
    void finWaitingUnreadAtCloseMakesItAPassiveClose() throws Exception {
        probe.peer = PeerSignal.FIN;
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(key, true, null);
            close(tracker, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:close"), transitions(events).get(1L));
        assertEquals("peer-close", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void rstWaitingAtCloseEndsTheConnectionByReset() throws Exception {
        probe.peer = PeerSignal.RESET;
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.accepted(key, key, SocketApi.SOCKET, LOCAL, REMOTE);
            close(tracker, key);
        });
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSED:reset"), transitions(events).get(1L));
        assertEquals("reset", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void periodicLookFindsTheFinOfAnIdleConnectionOnce() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(key, true, null);
            assertEquals(1, tracker.findPeerCloses(), "one open connection asked");
            probe.peer = PeerSignal.FIN;
            tracker.findPeerCloses();
            assertEquals(0, tracker.countByState()[TcpState.CLOSE_WAIT.ordinal()], "one sighting records nothing");
            tracker.findPeerCloses();
            assertEquals(1, tracker.countByState()[TcpState.CLOSE_WAIT.ordinal()], "still waiting at the next look");
            assertEquals(0, tracker.findPeerCloses(), "CLOSE_WAIT is not asked again");
            close(tracker, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:close"), transitions(events).get(1L));
    }

    @Test
    void eofReadBetweenTwoLooksIsRecordedAsTheRead() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.accepted(key, key, SocketApi.SOCKET, LOCAL, REMOTE);
            probe.peer = PeerSignal.FIN;
            tracker.findPeerCloses();
            tracker.read(key, -1);
            tracker.findPeerCloses();
            close(tracker, key);
        });
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), transitions(events).get(1L));
    }

    @Test
    void finAnsweringOurShutdownOutputIsNotThePeerClosingFirst() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(key, true, null);
            tracker.shuttingOutput(key);
            probe.peer = PeerSignal.FIN; // the peer read our FIN and closed before shutdownOutput() returned
            tracker.outputShutdown(key);
            close(tracker, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:shutdown-output"), transitions(events).get(1L));
        assertEquals("local-close", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void finWaitingBeforeOurShutdownOutputMakesItAPassiveClose() throws Exception {
        probe.peer = PeerSignal.FIN;
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.accepted(key, key, SocketApi.SOCKET, LOCAL, REMOTE);
            tracker.shuttingOutput(key);
            tracker.outputShutdown(key);
            close(tracker, key);
        });
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:shutdown-output"),
                transitions(events).get(1L));
        assertEquals("peer-close", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void finAfterOwnShutdownInputIsNotThePeers() throws Exception {
        probe.peer = PeerSignal.FIN;
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(key, true, null);
            tracker.inputShutdown(key);
            close(tracker, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:close"), transitions(events).get(1L));
    }

    @Test
    void clientClosesFirst() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(key, true, null);
            tracker.wrote(key, 5);
            tracker.read(key, 5);
            close(tracker, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:close"), transitions(events).get(1L));
        RecordedEvent connection = connections(events).get(0);
        assertEquals(5, connection.getLong(Fields.BYTES_READ));
        assertEquals(5, connection.getLong(Fields.BYTES_WRITTEN));
        assertEquals("FIN_WAIT_1", connection.getString(Fields.FINAL_STATE));
        assertEquals("local-close", connection.getString(Fields.END_CAUSE));
        assertEquals(40000, connection.getInt(Fields.LOCAL_PORT), "local port read from the socket at connect");
        assertEquals(0, tracker.size());
    }

    @Test
    void peerClosesFirstThenReadsAfterCloseChangeNothing() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.accepted(key, key, SocketApi.SOCKET, LOCAL, REMOTE);
            tracker.read(key, -1);
            tracker.read(key, -1); // the JDK replays EOF on every later read
            close(tracker, key);
            tracker.read(key, -1);
            close(tracker, key);
        });
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), transitions(events).get(1L));
        assertEquals("peer-close", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void afterShutdownOutputTheKernelReportsWhetherTheFinsCrossed() throws Exception {
        List<TrackedSocket> watched = new ArrayList<>();
        ConnectionTracker watching = new ConnectionTracker(new JfrRecorder(), probe, PortFilter.ALL,
                (owner, socket) -> watched.add(socket));
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            watching.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            watching.connectReturned(key, true, null);
            watching.outputShutdown(key);
            assertEquals(List.of(TcpState.FIN_WAIT_1), watched.stream().map(TrackedSocket::state).toList());
            watching.read(key, -1); // TIME_WAIT or CLOSING: not the JVM's to say
            watching.kernelTransition(watched.get(0), TcpState.FIN_WAIT_1, TcpState.CLOSING, Source.KERNEL);
            close(watching, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:shutdown-output", "FIN_WAIT_1>CLOSING:kernel"), transitions(events).get(1L));
        assertEquals(1, watched.size(), "closing a socket the kernel watches already hands it over again");
    }

    @Test
    void onceTheKernelStopsWatchingTheJvmDecidesAgain() throws Exception {
        List<TrackedSocket> watched = new ArrayList<>();
        ConnectionTracker watching = new ConnectionTracker(new JfrRecorder(), probe, PortFilter.ALL,
                (owner, socket) -> watched.add(socket));
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            watching.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            watching.connectReturned(key, true, null);
            watching.outputShutdown(key);
            watching.kernelWatchEnded(watched.get(0)); // e.g. held in one state longer than the sampler's limit
            watching.read(key, -1);
            close(watching, key);
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:shutdown-output", "FIN_WAIT_1>TIME_WAIT:read-eof"),
                transitions(events).get(1L));
        assertEquals(2, watched.size(), "handed over at shutdownOutput and again at close");
        assertEquals(TcpState.TIME_WAIT, watched.get(1).state());
    }

    @Test
    void socketsOpenBeforeTheAttachAreRegisteredWhenFirstTouched() throws Exception {
        InetSocketAddress listening = new InetSocketAddress("127.0.0.1", 8080);
        InetSocketAddress any = new InetSocketAddress("0.0.0.0", 0);
        Object client = new Object();
        Object server = new Object();
        Object other = new Object();
        probe.fds.put(client, 7);
        probe.fds.put(server, 8);
        probe.fds.put(other, 9);
        tracker.preexisting(new PreexistingSockets(List.of(
                new OpenSocket(5, listening, any, TcpState.LISTEN),
                new OpenSocket(7, LOCAL, listening, TcpState.ESTABLISHED),
                new OpenSocket(8, listening, LOCAL, TcpState.CLOSE_WAIT))));
        List<RecordedEvent> events = record(() -> {
            tracker.wrote(client, 3);
            tracker.read(other, 3); // not open at the attach: a socket the agent chose not to track
            close(tracker, server); // the CLOSE_WAIT leak the user attached to find
            close(tracker, client);
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals(List.of("CLOSED>ESTABLISHED:first-seen", "ESTABLISHED>FIN_WAIT_1:close"), byId.get(1L));
        assertEquals(List.of("CLOSED>CLOSE_WAIT:first-seen", "CLOSE_WAIT>LAST_ACK:close"), byId.get(2L));
        assertEquals(2, byId.size(), "the listener is only reported, the unknown socket ignored: " + byId);
        List<String> roles = connections(events).stream().map(c -> c.getString(Fields.ROLE) + " "
                + c.getString(Fields.SOCKET_API) + " " + c.getInt(Fields.LOCAL_PORT) + ">"
                + c.getInt(Fields.REMOTE_PORT)).toList();
        assertEquals(List.of("server unknown 8080>40000", "client unknown 40000>8080"), roles);
        assertEquals(3, connections(events).get(1).getLong(Fields.BYTES_WRITTEN));
        assertTrue(events.stream().filter(e -> e.getEventType().getName().equals(StateChangeEvent.NAME))
                .allMatch(e -> !e.getString(Fields.TRIGGER).equals("first-seen") || e.getString(Fields.SOURCE).equals(
                        "inferred")));
    }

    @Test
    void failedConnectClosedInsideConnectIsRefusedNotClosed() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
            close(tracker, key); // the JDK's own close inside connect()
            tracker.connectReturned(key, false, new ConnectException("Connection refused"));
            close(tracker, key); // the application's close afterwards
        });
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>CLOSED:connect-refused"),
                transitions(events).get(1L));
        assertEquals("refused", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    @Test
    void resetOnReadAndAbortiveClose() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object reader = new Object();
            tracker.accepted(reader, reader, SocketApi.SOCKET, LOCAL, REMOTE);
            tracker.ioFailed(reader, new SocketException("Socket closed")); // not a reset: no transition
            tracker.ioFailed(reader, new SocketException("Connection reset"));
            close(tracker, reader);
            Object aborter = new Object();
            tracker.connectStarted(aborter, aborter, SocketApi.SOCKET, REMOTE);
            tracker.connectReturned(aborter, true, null);
            probe.lingerZero = true;
            close(tracker, aborter);
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals("ESTABLISHED>CLOSED:reset", byId.get(1L).get(2));
        assertEquals(3, byId.get(1L).size());
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSED:abortive-close"), byId.get(2L));
        assertTrue(connections(events).stream().allMatch(c -> c.getString(Fields.END_CAUSE).equals("reset")));
    }

    /** Linux answers a close with unread bytes waiting by RST, unless the JDK only shuts the output then. */
    @Test
    void closeWithUnreadDataSendsResetUnlessOnlyTheOutputIsShutNow() throws Exception {
        probe.unread = 16;
        List<RecordedEvent> events = record(() -> {
            Object closed = new Object();
            tracker.accepted(closed, closed, SocketApi.SOCKET, LOCAL, REMOTE);
            close(tracker, closed);
            Object deferred = new Object();
            tracker.accepted(deferred, deferred, SocketApi.SOCKET_CHANNEL, LOCAL, REMOTE);
            tracker.closing(deferred, true);
            tracker.closed(deferred);
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals("ESTABLISHED>CLOSED:abortive-close", byId.get(1L).get(2));
        assertEquals("ESTABLISHED>FIN_WAIT_1:close", byId.get(2L).get(2));
        assertEquals("unread data in the receive queue", events.stream()
                .filter(e -> e.getEventType().getName().equals(StateChangeEvent.NAME)
                        && e.getString(Fields.TRIGGER).equals("abortive-close"))
                .findFirst().orElseThrow().getString(Fields.DETAIL));
    }

    /**
     * A FIN that arrives while the JDK waits to shut the output of a channel a selector holds is found just
     * before our FIN; one found only once a close has returned may be the peer's answer, and is not taken.
     */
    /**
     * The peer is asked once as the close becomes imminent: a later {@code tryClose} (a reader blocked in the
     * channel finishing) meets the pre-closed descriptor the JDK put in place of the socket, whose EOF is not the
     * peer's.
     */
    @Test
    void theImminentCloseIsAskedAboutOnce() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object key = new Object();
            tracker.accepted(key, key, SocketApi.SOCKET_CHANNEL, LOCAL, REMOTE);
            tracker.closing(key, false);
            tracker.closeImminent(key);
            probe.peer = PeerSignal.FIN; // what poll says of the pre-closed descriptor
            tracker.closeImminent(key);
            tracker.closed(key);
        });
        assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), transitions(events).get(1L).subList(2, 3));
    }

    @Test
    void peerFinBeforeTheDeferredShutdownMakesTheClosePassive() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Object deferred = new Object();
            tracker.accepted(deferred, deferred, SocketApi.SOCKET_CHANNEL, LOCAL, REMOTE);
            tracker.closing(deferred, true);
            probe.peer = PeerSignal.FIN;
            tracker.closeImminent(deferred);
            tracker.closed(deferred);
            probe.peer = PeerSignal.NONE;
            Object closed = new Object();
            tracker.accepted(closed, closed, SocketApi.SOCKET_CHANNEL, LOCAL, REMOTE);
            tracker.closing(closed, false);
            probe.peer = PeerSignal.FIN;
            tracker.closed(closed);
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals(List.of("ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:close"),
                byId.get(1L).subList(2, 4));
        assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), byId.get(2L).subList(2, 3));
        assertEquals(Map.of(1L, "peer-close", 2L, "local-close"), connections(events).stream().collect(
                Collectors.toMap(c -> c.getLong(Fields.CONNECTION_ID), c -> c.getString(Fields.END_CAUSE))));
    }

    /**
     * Bytes behind the peer's FIN make the close send RST; after the application read the EOF nothing can wait,
     * and the kernel is not asked how much.
     */
    @Test
    void unreadBytesBehindTheFinAreAskedForOnlyWhenTheEofWasNotRead() throws Exception {
        probe.peer = PeerSignal.FIN;
        List<RecordedEvent> events = record(() -> {
            Object unreadEof = new Object();
            tracker.accepted(unreadEof, unreadEof, SocketApi.SOCKET, LOCAL, REMOTE);
            probe.unread = 16;
            close(tracker, unreadEof);
            probe.unread = 0;
            Object eofRead = new Object();
            tracker.accepted(eofRead, eofRead, SocketApi.SOCKET, LOCAL, REMOTE);
            tracker.read(eofRead, -1);
            int asked = probe.unreadAsked;
            close(tracker, eofRead);
            assertEquals(asked, probe.unreadAsked);
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals(List.of("ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>CLOSED:abortive-close"),
                byId.get(1L).subList(2, 4));
        assertEquals(List.of("ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                byId.get(2L).subList(2, 4));
    }

    /** The close is recorded once the call has returned, not when it begins (it may end otherwise). */
    @Test
    void closeIsRecordedWhenTheCallReturns() throws Exception {
        Object key = new Object();
        tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
        tracker.connectReturned(key, true, null);
        List<RecordedEvent> begun = record(() -> tracker.closing(key, false));
        assertTrue(transitions(begun).isEmpty(), begun.toString());
        List<RecordedEvent> ended = record(() -> tracker.closed(key));
        assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), transitions(ended).get(1L));
    }

    @Test
    void recordingStartedLaterSeesTheTrueFromState() throws Exception {
        Object key = new Object();
        tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
        tracker.connectReturned(key, true, null);
        List<RecordedEvent> events = record(() -> close(tracker, key));
        assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), transitions(events).get(1L));
        assertEquals(3, events.stream().filter(e -> e.getEventType().getName().equals(StateChangeEvent.NAME))
                .findFirst().orElseThrow().getInt(Fields.SEQUENCE));
    }

    @Test
    void droppedWithoutCloseIsReportedAsLeaked() throws Exception {
        List<RecordedEvent> events = record(() -> {
            tracker.listening(new Object(), new Object(), SocketApi.SERVER_SOCKET, LOCAL);
            for (int i = 0; i < 200 && tracker.size() > 0; i++) {
                System.gc();
                Thread.sleep(10);
                tracker.reapDropped();
            }
        });
        assertEquals(0, tracker.size());
        assertEquals("leaked", connections(events).get(0).getString(Fields.END_CAUSE));
    }

    /** The texts a peer's RST reaches the application with: the JDK's, Netty 4.2's native and Netty 4.1's. */
    @Test
    void resetsAreRecognisedInEveryTransportsWords() {
        for (String reset : List.of("Connection reset", "Connection reset by peer", "Broken pipe",
                "recvAddress(..) failed with error(-104): Connection reset by peer",
                "sendAddress(..) failed with error(-32): Broken pipe",
                "readAddress(..) failed: Connection reset by peer", "writeAddress(..) failed: Broken pipe")) {
            assertTrue(ConnectionTracker.isReset(new java.io.IOException(reset)), reset);
        }
        for (String other : List.of("Socket closed", "recvAddress(..) failed with error(-9): Bad file descriptor",
                "connect(..) failed with error(-111): Connection refused", "failed with error(-1040)")) {
            assertFalse(ConnectionTracker.isReset(new java.io.IOException(other)), other);
        }
    }

    @Test
    void concurrentConnectionsKeepValidSequences() throws Exception {
        int threads = 8;
        int perThread = 500;
        List<RecordedEvent> events = record(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Object key = new Object();
                        tracker.connectStarted(key, key, SocketApi.SOCKET, REMOTE);
                        tracker.connectReturned(key, true, null);
                        tracker.read(key, -1);
                        close(tracker, key);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        });
        Map<Long, List<String>> byId = transitions(events);
        assertEquals(threads * perThread, byId.size());
        List<String> expected = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close");
        byId.forEach((id, sequence) -> assertEquals(expected, sequence, "connection " + id));
        assertEquals(threads * perThread, connections(events).size());
        assertEquals(0, tracker.size());
    }

    private interface Action {
        void run() throws Exception;
    }

    private List<RecordedEvent> record(Action action) throws Exception {
        Path file = dir.resolve("test.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(StateChangeEvent.class).withoutStackTrace();
            recording.enable(ConnectionEvent.class);
            recording.start();
            action.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    /** connectionId -> "FROM>TO:trigger" in sequence order; an event with a via state is its two steps. */
    private static Map<Long, List<String>> transitions(List<RecordedEvent> events) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(StateChangeEvent.NAME))
                .sorted(Comparator.comparingInt(e -> e.getInt(Fields.SEQUENCE)))
                .collect(Collectors.groupingBy(e -> e.getLong(Fields.CONNECTION_ID), Collectors.flatMapping(
                        e -> steps(e).stream(), Collectors.toList())));
    }

    private static List<String> steps(RecordedEvent e) {
        String trigger = ":" + e.getString(Fields.TRIGGER);
        String via = e.getString(Fields.VIA_STATE);
        return via.isEmpty() ? List.of(e.getString(Fields.FROM_STATE) + ">" + e.getString(Fields.TO_STATE) + trigger)
                : List.of(e.getString(Fields.FROM_STATE) + ">" + via + trigger,
                        via + ">" + e.getString(Fields.TO_STATE) + trigger);
    }

    /** A close call as the advice makes it: asked on entry, recorded on return. */
    private static void close(ConnectionTracker tracker, Object key) {
        tracker.closing(key, false);
        tracker.closed(key);
    }

    private static List<RecordedEvent> connections(List<RecordedEvent> events) {
        return events.stream().filter(e -> e.getEventType().getName().equals(ConnectionEvent.NAME)).toList();
    }

    private static final class TestProbe implements SocketProbe {
        volatile boolean lingerZero;
        volatile int unread;
        volatile int unreadAsked;
        volatile PeerSignal peer = PeerSignal.NONE;

        @Override
        public PeerSignal peerSignal(Object key) {
            return peer == PeerSignal.NONE && unread > 0 ? PeerSignal.DATA : peer; // as poll(2) answers
        }
        final Map<Object, Integer> fds = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public int fdNumber(Object key) {
            return fds.getOrDefault(key, -1);
        }

        @Override
        public InetSocketAddress localAddress(Object key) {
            return LOCAL;
        }

        @Override
        public boolean resetsOnClose(Object key) {
            return lingerZero;
        }

        @Override
        public int unreadBytes(Object key) {
            unreadAsked++;
            return unread;
        }
    }
}
