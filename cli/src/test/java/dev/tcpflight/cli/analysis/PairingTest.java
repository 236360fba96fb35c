package dev.tcpflight.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Timelines;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

    @Test
    void pairsTheClientWithItsServerEndInOneRecordingAndLeavesListenersOut() {
        List<ConnectionPair> pairs = Pairing.pair(Timelines.handshakeAndClose());

        assertEquals(2, pairs.size(), pairs.toString());
        assertEquals(2, pairs.get(0).left().orElseThrow().id());
        assertEquals(3, pairs.get(0).right().orElseThrow().id());
        assertTrue(pairs.get(0).complete());
        assertEquals(4, pairs.get(1).left().orElseThrow().id(), "the refused client, alone");
        assertFalse(pairs.get(1).complete());
    }

    @Test
    void pairsEndsFromTwoRecordingsAndPutsTheClientLeftWhicheverComesFirst() {
        ConnectionTimeline server = end(7, "server", "10.0.0.2:443", "10.0.0.1:40000", "server.jfr", 0);
        ConnectionTimeline client = end(3, "client", "10.0.0.1:40000", "10.0.0.2:443", "client.jfr", 1);

        ConnectionPair pair = Pairing.pair(List.of(server, client)).get(0);

        assertEquals(client, pair.left().orElseThrow());
        assertEquals(server, pair.right().orElseThrow());
    }

    @Test
    void aReused4TupleIsPairedWithTheEndThatStartedClosestInTime() {
        ConnectionTimeline early = end(1, "client", "127.0.0.1:40000", "127.0.0.1:80", "a.jfr", 0);
        ConnectionTimeline late = end(2, "client", "127.0.0.1:40000", "127.0.0.1:80", "a.jfr", 100);
        ConnectionTimeline lateServer = end(3, "server", "127.0.0.1:80", "127.0.0.1:40000", "a.jfr", 101);
        ConnectionTimeline earlyServer = end(4, "server", "127.0.0.1:80", "127.0.0.1:40000", "a.jfr", 1);

        List<ConnectionPair> pairs = Pairing.pair(List.of(late, lateServer, early, earlyServer));

        assertEquals(List.of(List.of(1L, 4L), List.of(2L, 3L)),
                pairs.stream().map(p -> p.ends().map(ConnectionTimeline::id).toList()).toList());
    }

    @Test
    void addressesAreComparedByValueNotBySpelling() {
        ConnectionTimeline client = end(1, "client", "[::1]:40000", "[0:0:0:0:0:0:0:1]:80", "a.jfr", 0);
        ConnectionTimeline server = end(2, "server", "[0:0:0:0:0:0:0:1]:80", "[::1]:40000", "a.jfr", 1);

        assertTrue(Pairing.pair(List.of(client, server)).get(0).complete());
    }

    @Test
    void aServerWhosePeerIsMissingStaysOnTheRight() {
        ConnectionPair pair = Pairing.pair(List.of(end(1, "server", "127.0.0.1:80", "127.0.0.1:40000", "a.jfr", 0)))
                .get(0);

        assertTrue(pair.left().isEmpty());
        assertEquals(1, pair.right().orElseThrow().id());
    }

    static ConnectionTimeline end(long id, String role, String local, String remote, String file, double at) {
        return Timelines.connection(id, role, local, remote).recording(file)
                .at(at, "SYN_RECEIVED", "ESTABLISHED", "accept", "").open(at + 1);
    }
}
