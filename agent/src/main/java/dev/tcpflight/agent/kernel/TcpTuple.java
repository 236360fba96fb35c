package dev.tcpflight.agent.kernel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A connection's 4-tuple as the kernel's table names it. Every address is held as 128 bits in network byte
 * order; an IPv4 address is held as its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}), so an IPv4 connection
 * matches whether the kernel lists it in {@code /proc/net/tcp} (an AF_INET socket) or in {@code /proc/net/tcp6}
 * (a dual-stack AF_INET6 socket, which is what Java creates by default).
 */
final class TcpTuple {

    /** The high 64 bits of {@code ::ffff:0.0.0.0} are zero; the low ones hold 0xffff above the IPv4 address. */
    static final long IPV4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    long localHi;
    long localLo;
    int localPort;
    long remoteHi;
    long remoteLo;
    int remotePort;

    TcpTuple() {
    }

    TcpTuple(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort) {
        set(localHi, localLo, localPort, remoteHi, remoteLo, remotePort);
    }

    /** The tuple of a connected socket; null when an endpoint has no numeric address. */
    static TcpTuple of(InetSocketAddress local, InetSocketAddress remote) {
        if (local == null || remote == null || local.getAddress() == null || remote.getAddress() == null) {
            return null;
        }
        byte[] l = local.getAddress().getAddress();
        byte[] r = remote.getAddress().getAddress();
        return new TcpTuple(high(l), low(l), local.getPort(), high(r), low(r), remote.getPort());
    }

    /** Mutates this tuple; only for the one reusable probe that looks rows up without allocating. */
    void set(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort) {
        this.localHi = localHi;
        this.localLo = localLo;
        this.localPort = localPort;
        this.remoteHi = remoteHi;
        this.remoteLo = remoteLo;
        this.remotePort = remotePort;
    }

    /** The same connection seen from its other end. */
    TcpTuple reversed() {
        return new TcpTuple(remoteHi, remoteLo, remotePort, localHi, localLo, localPort);
    }

    boolean isIpv4() {
        return localHi == 0 && (localLo & 0xffff_ffff_0000_0000L) == IPV4_MAPPED_PREFIX;
    }

    /**
     * True when the other end may be a socket of this host too, so that the reverse tuple can be in this
     * host's table: a loopback peer, or a peer at the local address itself.
     */
    boolean peerMayBeLocal() {
        return isLoopback(remoteHi, remoteLo) || (remoteHi == localHi && remoteLo == localLo);
    }

    private static boolean isLoopback(long hi, long lo) {
        return (hi == 0 && lo == 1) // ::1
                || (hi == 0 && (lo & 0xffff_ffff_ff00_0000L) == (IPV4_MAPPED_PREFIX | 0x7f00_0000L)); // 127/8
    }

    static long high(byte[] address) {
        return address.length == 4 ? 0 : word64(address, 0);
    }

    static long low(byte[] address) {
        if (address.length == 4) {
            return IPV4_MAPPED_PREFIX | ((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16)
                    | ((address[2] & 0xffL) << 8) | (address[3] & 0xffL);
        }
        return word64(address, 8);
    }

    private static long word64(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xffL);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TcpTuple t && localLo == t.localLo && remoteLo == t.remoteLo
                && localPort == t.localPort && remotePort == t.remotePort
                && localHi == t.localHi && remoteHi == t.remoteHi;
    }

    @Override
    public int hashCode() {
        long h = localLo * 0x9E37_79B9_7F4A_7C15L + remoteLo;
        h = h * 0x9E37_79B9_7F4A_7C15L + ((long) localPort << 16 | remotePort);
        h = h * 0x9E37_79B9_7F4A_7C15L + (localHi ^ remoteHi);
        return (int) (h ^ (h >>> 32));
    }

    /** {@code 127.0.0.1:41368 -> 127.0.0.1:41223}, for messages and test failures. */
    @Override
    public String toString() {
        return text(localHi, localLo, localPort) + " -> " + text(remoteHi, remoteLo, remotePort);
    }

    private static String text(long hi, long lo, int port) {
        InetSocketAddress address = address(hi, lo, port);
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof java.net.Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** The socket address a table row names: IPv4 for an IPv4-mapped address, as Java reports such sockets. */
    static InetSocketAddress address(long hi, long lo, int port) {
        byte[] bytes;
        if (hi == 0 && (lo & 0xffff_ffff_0000_0000L) == IPV4_MAPPED_PREFIX) {
            bytes = new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (hi >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
