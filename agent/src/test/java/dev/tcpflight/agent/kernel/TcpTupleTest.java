package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpTupleTest {

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static InetSocketAddress mapped(String ipv4, int port) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        // Inet6Address.getByAddress keeps the 16-byte form that InetAddress.getByAddress would turn into IPv4
        return new InetSocketAddress(java.net.Inet6Address.getByAddress(null, v6, -1), port);
    }

    @Test
    void anIpv4AddressAndItsIpv4MappedFormAreTheSameTuple() throws Exception {
        TcpTuple plain = TcpTuple.of(at("127.0.0.1", 41368), at("10.1.2.3", 8080));
        TcpTuple viaMapped = TcpTuple.of(mapped("127.0.0.1", 41368), mapped("10.1.2.3", 8080));
        assertEquals(plain, viaMapped);
        assertEquals(plain.hashCode(), viaMapped.hashCode());
        assertEquals(0L, plain.localHi);
        assertEquals(0x0000_ffff_7f00_0001L, plain.localLo);
        assertEquals(0x0000_ffff_0a01_0203L, plain.remoteLo);
        assertTrue(plain.isIpv4());
        assertEquals("127.0.0.1:41368 -> 10.1.2.3:8080", plain.toString());
    }

    @Test
    void ipv6AddressesKeepAll128Bits() throws Exception {
        TcpTuple tuple = TcpTuple.of(at("2001:db8::1", 443), at("::1", 50000));
        assertEquals(0x2001_0db8_0000_0000L, tuple.localHi);
        assertEquals(1L, tuple.localLo);
        assertEquals(0L, tuple.remoteHi);
        assertEquals(1L, tuple.remoteLo);
        assertFalse(tuple.isIpv4());
        assertEquals("[2001:db8:0:0:0:0:0:1]:443 -> [0:0:0:0:0:0:0:1]:50000", tuple.toString());
    }

    @Test
    void portsAndDirectionMatter() throws Exception {
        TcpTuple tuple = TcpTuple.of(at("127.0.0.1", 1000), at("127.0.0.1", 2000));
        assertNotEquals(tuple, TcpTuple.of(at("127.0.0.1", 1000), at("127.0.0.1", 2001)));
        assertNotEquals(tuple, tuple.reversed());
        assertEquals(TcpTuple.of(at("127.0.0.1", 2000), at("127.0.0.1", 1000)), tuple.reversed());
        assertEquals(tuple, tuple.reversed().reversed());
    }

    @Test
    void thePeerMayBeLocalOnlyOnLoopbackOrAtTheLocalAddress() throws Exception {
        assertTrue(TcpTuple.of(at("127.0.0.1", 1), at("127.0.0.1", 2)).peerMayBeLocal());
        assertTrue(TcpTuple.of(at("127.0.0.1", 1), at("127.1.2.3", 2)).peerMayBeLocal());
        assertTrue(TcpTuple.of(at("::1", 1), at("::1", 2)).peerMayBeLocal());
        assertTrue(TcpTuple.of(at("10.0.0.5", 1), at("10.0.0.5", 2)).peerMayBeLocal());
        assertFalse(TcpTuple.of(at("10.0.0.5", 1), at("10.0.0.6", 2)).peerMayBeLocal());
        assertFalse(TcpTuple.of(at("2001:db8::1", 1), at("2001:db8::2", 2)).peerMayBeLocal());
    }

    @Test
    void anUnresolvedEndpointHasNoTuple() throws Exception {
        assertNull(TcpTuple.of(InetSocketAddress.createUnresolved("example.invalid", 80), at("127.0.0.1", 1)));
        assertNull(TcpTuple.of(null, at("127.0.0.1", 1)));
    }
}
