package dev.tcpflight.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Timelines;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SummaryAggregatorTest {

    private static final AnomalyThresholds THRESHOLDS =
            new AnomalyThresholds(Duration.ofMillis(100), 3, Duration.ofSeconds(60));

    @Test
    void countsOutcomesStateTimesAndEndpoints() {
        Summary summary = summarise(Timelines.handshakeAndClose());

        assertEquals(4, summary.connections());
        assertEquals(11, summary.transitions());
        assertEquals(new OutcomeCount("client", "CLOSED", "refused", 1), summary.outcomes().get(0));
        assertEquals(List.of("LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "CLOSE_WAIT",
                "LAST_ACK"), summary.stateTimes().stream().map(StateTime::state).toList());
        assertEquals(List.of(new EndpointCount("server", "127.0.0.1", 1), new EndpointCount("client", "127.0.0.1:1", 1),
                new EndpointCount("client", "127.0.0.1:5000", 1)), summary.topEndpoints());
        assertEquals(List.of(AnomalyKind.REFUSED), kinds(summary));
    }

    @Test
    void closeWaitIsAnAnomalyBeyondTheThresholdOrWhenItLastsToTheEnd() {
        ConnectionTimeline quick = server(1).at(1, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.read:1")
                .at(51, "CLOSE_WAIT", "LAST_ACK", "close", "Server.close:2").ended(51, 0, 0, "LAST_ACK", "peer-close");
        ConnectionTimeline slow = server(2).at(1, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.read:1")
                .at(301, "CLOSE_WAIT", "LAST_ACK", "close", "Server.close:2")
                .ended(301, 0, 0, "LAST_ACK", "peer-close");
        ConnectionTimeline stuck = server(3).at(1, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.read:1").open(11);

        Summary summary = summarise(List.of(quick, slow, stuck));

        AnomalyGroup group = summary.anomalies().get(0);
        assertEquals(List.of(AnomalyKind.CLOSE_WAIT), kinds(summary), "once each, not also as never closed");
        assertEquals("Server.read:1", group.location());
        assertEquals(2, group.count());
        assertEquals(List.of("in CLOSE_WAIT for 300.000 ms before close() at Server.close:2 (EOF read here)",
                "in CLOSE_WAIT for 10.000 ms until the recording ended, never closed (EOF read here)"),
                group.examples().stream().map(Anomaly::evidence).toList());
    }

    @Test
    void aFinNeverReadPointsAtTheCallThatFoundItOrWhereTheConnectionOpened() {
        ConnectionTimeline idle = client(1, 80).at(0, "CLOSED", "SYN_SENT", "connect", "Pool.open:7")
                .at(1, "SYN_SENT", "ESTABLISHED", "connect", "Pool.open:7")
                .at(10, "ESTABLISHED", "CLOSE_WAIT", "fin-found", "")
                .at(1510, "CLOSE_WAIT", "LAST_ACK", "close", "Pool.evict:9").ended(1510, 0, 0, "LAST_ACK",
                        "peer-close");
        ConnectionTimeline atClose = client(2, 80).at(1, "SYN_SENT", "ESTABLISHED", "connect", "Pool.open:7")
                .at(400, "ESTABLISHED", "CLOSE_WAIT", "fin-found", "Pool.evict:9").open(900);

        Summary summary = summarise(List.of(idle, atClose));

        assertEquals(List.of(AnomalyKind.CLOSE_WAIT), kinds(summary));
        assertEquals(List.of("Pool.evict:9", "Pool.open:7"),
                summary.anomalies().stream().map(AnomalyGroup::location).sorted().toList());
        assertEquals(Set.of("in CLOSE_WAIT for 1500.000 ms before close() at Pool.evict:9 (peer's FIN never read;"
                        + " connection opened here)",
                "in CLOSE_WAIT for 500.000 ms until the recording ended, never closed (peer's FIN never read; found"
                        + " here)"),
                summary.anomalies().stream().flatMap(g -> g.examples().stream()).map(Anomaly::evidence)
                        .collect(Collectors.toSet()));
    }

    @Test
    void leakedAndNeverClosedSocketsPointWhereTheyWereOpened() {
        ConnectionTimeline leaked = client(1, 80).at(0, "CLOSED", "SYN_SENT", "connect", "Pool.open:7")
                .at(1, "SYN_SENT", "ESTABLISHED", "connect", "Pool.open:7").ended(2000, 0, 0, "ESTABLISHED", "leaked");
        ConnectionTimeline open = client(2, 80).at(0, "CLOSED", "SYN_SENT", "connect", "Pool.open:7").open(30);
        ConnectionTimeline listener = Timelines.connection(3, "listener", "127.0.0.1:80", "*:*")
                .at(0, "CLOSED", "LISTEN", "listen", "Server.listen:3").open(30);

        Summary summary = summarise(List.of(leaked, open, listener));

        assertEquals(List.of(AnomalyKind.LEAKED, AnomalyKind.NEVER_CLOSED), kinds(summary), "a listener left open"
                + " is a server doing its job");
        assertEquals("garbage-collected without close() in ESTABLISHED, 2000.000 ms after it opened",
                summary.anomalies().get(0).examples().get(0).evidence());
        assertEquals("Pool.open:7", summary.anomalies().get(1).location());
    }

    @Test
    void resetsTimeoutsAndFailedConnectsSayWhatHappened() {
        ConnectionTimeline sent = client(1, 80).at(0, "ESTABLISHED", "CLOSED", "reset", "A.abort:1")
                .detail("SO_LINGER 0").ended(0, 0, 0, "CLOSED", "reset");
        ConnectionTimeline received = client(2, 80).at(0, "ESTABLISHED", "CLOSED", "reset", "A.read:2")
                .detail("java.net.SocketException: Connection reset").ended(0, 0, 0, "CLOSED", "reset");
        ConnectionTimeline timeout = client(3, 81).at(0, "CLOSED", "SYN_SENT", "connect", "A.connect:3")
                .at(2000, "SYN_SENT", "CLOSED", "connect-timeout", "A.connect:3")
                .ended(2000, 0, 0, "CLOSED", "timeout");
        ConnectionTimeline failed = client(4, 82).at(0, "CLOSED", "SYN_SENT", "connect", "A.connect:3")
                .at(1, "SYN_SENT", "CLOSED", "connect-failed", "A.connect:3").ended(1, 0, 0, "CLOSED", "failed");

        Summary summary = summarise(List.of(sent, received, timeout, failed));

        assertEquals(Set.of("RST sent in ESTABLISHED (SO_LINGER 0)",
                "RST received in ESTABLISHED: java.net.SocketException: Connection reset",
                "no answer from 127.0.0.1:81 after 2000.000 ms",
                "connect to 127.0.0.1:82 failed"), summary.anomalies().stream()
                .flatMap(g -> g.examples().stream()).map(Anomaly::evidence).collect(Collectors.toSet()));
    }

    @Test
    void aClientThatClosesFirstToOneEndpointManyTimesInAWindowPilesUpTimeWait() {
        List<ConnectionTimeline> closes = IntStream.range(0, 4).mapToObj(i -> client(i, 6000)
                .at(i * 10, "ESTABLISHED", "FIN_WAIT_1", "close", "Client.close:9")
                .ended(i * 10 + 1, 0, 0, "FIN_WAIT_1", "local-close")).toList();
        List<ConnectionTimeline> spread = IntStream.range(0, 4).mapToObj(i -> client(10 + i, 7000)
                .at(i * 61_000, "ESTABLISHED", "FIN_WAIT_1", "close", "Client.close:9")
                .ended(i * 61_000 + 1, 0, 0, "FIN_WAIT_1", "local-close")).toList();

        Summary summary = summarise(Stream.concat(closes.stream(), spread.stream()).toList());

        assertEquals(List.of(AnomalyKind.TIME_WAIT_PILEUP), kinds(summary), "not for closes a minute apart");
        assertEquals("3 active closes to 127.0.0.1:6000 within 20.000 ms (4 in all): each left a socket in"
                + " TIME_WAIT for 2 MSL (60 s on Linux), holding a local port",
                summary.anomalies().get(0).examples().get(0).evidence());
    }

    @Test
    void groupsAnomaliesByLocationKeepingThreeExamples() {
        List<ConnectionTimeline> refused = IntStream.range(0, 5).mapToObj(i -> client(i, 1)
                .at(0, "SYN_SENT", "CLOSED", "connect-refused", "Probe.run:5").ended(0, 0, 0, "CLOSED", "refused"))
                .toList();

        AnomalyGroup group = summarise(refused).anomalies().get(0);

        assertEquals(5, group.count());
        assertEquals(3, group.examples().size());
    }

    private static Summary summarise(List<ConnectionTimeline> connections) {
        SummaryAggregator aggregator = new SummaryAggregator(THRESHOLDS);
        connections.forEach(aggregator);
        Summary summary = aggregator.summary(List.of());
        assertTrue(summary.anomalies().stream().allMatch(g -> g.examples().size() <= 3));
        return summary;
    }

    private static List<AnomalyKind> kinds(Summary summary) {
        return summary.anomalies().stream().map(AnomalyGroup::kind).distinct().toList();
    }

    private static Timelines.Builder server(long id) {
        return Timelines.connection(id, "server", "127.0.0.1:80", "127.0.0.1:" + (40000 + id));
    }

    private static Timelines.Builder client(long id, int remotePort) {
        return Timelines.connection(id, "client", "127.0.0.1:" + (40000 + id), "127.0.0.1:" + remotePort);
    }
}
