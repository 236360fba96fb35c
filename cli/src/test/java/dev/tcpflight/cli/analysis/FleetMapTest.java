package dev.tcpflight.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.FakeFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetMapTest {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void twoJvmsAreOneEdgeOfOneConnection() throws Exception {
        Path client = dir.resolve("client.jfr");
        Path server = dir.resolve("server.jfr");
        FakeApp.twoJvms(client, server);

        assertEquals(List.of(new MapEdge(MapNode.recorded(client), MapNode.recorded(server), FakeApp.SERVER_PORT,
                1, 0, 0, Map.of())), map(client, server));
    }

    @Test
    void aClientAProxyAndABackendWithExternalPeers() throws Exception {
        List<Path> fleet = FakeFleet.record(dir);
        Path client = fleet.get(0);
        Path proxy = fleet.get(1);
        Path backend = fleet.get(2);

        assertEquals(List.of(
                new MapEdge(MapNode.recorded(client), MapNode.recorded(proxy), FakeFleet.PROXY_PORT, 3, 2, 0,
                        Map.of(AnomalyKind.RESET, 1L, AnomalyKind.CONNECT_TIMEOUT, 1L)),
                new MapEdge(MapNode.recorded(client), MapNode.external("10.0.0.9"), 80, 1, 1, 0,
                        Map.of(AnomalyKind.REFUSED, 1L)),
                new MapEdge(MapNode.recorded(proxy), MapNode.recorded(backend), FakeFleet.BACKEND_PORT, 2, 0, 2,
                        Map.of(AnomalyKind.LEAKED, 1L, AnomalyKind.NEVER_CLOSED, 1L, AnomalyKind.CLOSE_WAIT, 1L)),
                new MapEdge(MapNode.external("10.0.0.7"), MapNode.recorded(backend), FakeFleet.BACKEND_PORT, 1, 0,
                        0, Map.of())),
                map(client, proxy, backend));
    }

    @Test
    void aServerWhoseClientWasNotRecordedHasAnExternalClient() throws Exception {
        Path client = dir.resolve("client.jfr");
        Path server = dir.resolve("server.jfr");
        FakeApp.twoJvms(client, server);

        List<MapEdge> edges = map(server);

        assertEquals(List.of(new MapEdge(MapNode.external("127.0.0.1"), MapNode.recorded(server),
                FakeApp.SERVER_PORT, 1, 0, 0, Map.of())), edges);
    }

    private static List<MapEdge> map(Path... files) throws Exception {
        return FleetMap.of(Pairing.pair(RecordingReader.open(List.of(files)).readAll()), CLOSE_WAIT);
    }
}
