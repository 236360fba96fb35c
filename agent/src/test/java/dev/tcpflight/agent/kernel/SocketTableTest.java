package dev.tcpflight.agent.kernel;

import static dev.tcpflight.schema.TcpState.CLOSED;
import static dev.tcpflight.schema.TcpState.FIN_WAIT_2;
import static dev.tcpflight.schema.TcpState.TIME_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketTableTest {

    private static TcpTuple tuple(String local, int localPort, String remote, int remotePort) throws Exception {
        return TcpTuple.of(new InetSocketAddress(InetAddress.getByName(local), localPort),
                new InetSocketAddress(InetAddress.getByName(remote), remotePort));
    }

    private static void row(SocketTable table, TcpTuple t, int code) {
        table.row(t.localHi, t.localLo, t.localPort, t.remoteHi, t.remoteLo, t.remotePort, code, -1);
    }

    @Test
    void aWantedTupleHasTheStateOfItsRowInTheLastReadAndIsClosedWhenNotListed() throws Exception {
        SocketTable table = new SocketTable();
        TcpTuple client = tuple("127.0.0.1", 40000, "127.0.0.1", 8080);
        SocketTable.Entry entry = table.want(client);
        table.beginRead();
        row(table, tuple("127.0.0.1", 40001, "127.0.0.1", 8080), 0x01); // someone else's
        row(table, client, 0x05);
        assertEquals(FIN_WAIT_2, entry.state());
        table.beginRead();
        row(table, client, 0x06);
        assertEquals(TIME_WAIT, entry.state());
        table.beginRead();
        assertEquals(CLOSED, entry.state());
    }

    @Test
    void aRowWithAnUnknownStateCodeDoesNotCount() throws Exception {
        SocketTable table = new SocketTable();
        TcpTuple client = tuple("::1", 40000, "::1", 8080);
        SocketTable.Entry entry = table.want(client);
        table.beginRead();
        row(table, client, 0x0C);
        assertEquals(CLOSED, entry.state());
    }

    @Test
    void wantingIsCountedAndOnlyUnwantedTuplesAreDropped() throws Exception {
        SocketTable table = new SocketTable();
        TcpTuple a = tuple("127.0.0.1", 40000, "127.0.0.1", 8080);
        SocketTable.Entry first = table.want(a);
        assertSame(first, table.want(tuple("127.0.0.1", 40000, "127.0.0.1", 8080)));
        assertEquals(1, table.size());
        table.release(a);
        assertEquals(1, table.size());
        table.release(a);
        assertEquals(0, table.size());
        table.release(a); // releasing an unknown tuple is harmless
        assertEquals(0, table.size());
    }

    @Test
    void theIpv4TableIsNeededOnlyWhileAnIpv4TupleIsWanted() throws Exception {
        SocketTable table = new SocketTable();
        TcpTuple v6 = tuple("::1", 40000, "::1", 8080);
        TcpTuple v4 = tuple("127.0.0.1", 40000, "127.0.0.1", 8080);
        table.want(v6);
        assertFalse(table.wantsIpv4());
        table.want(v4);
        table.want(v4);
        assertTrue(table.wantsIpv4());
        table.release(v4);
        assertTrue(table.wantsIpv4());
        table.release(v4);
        assertFalse(table.wantsIpv4());
    }
}
