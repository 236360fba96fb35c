package dev.tcpflight.agent.tracking;

import java.net.InetSocketAddress;

/** What the tracker asks of a live socket, by its key; answers null/false when the socket cannot tell. */
public interface SocketProbe {

    /** The socket's bound local address, or null (for example after its file descriptor was closed). */
    InetSocketAddress localAddress(Object key);

    /** True when closing the socket now sends RST instead of FIN (SO_LINGER enabled with timeout 0). */
    boolean resetsOnClose(Object key);

    /** Bytes received and not yet read (closing now would then send RST, on Linux), or 0 when it cannot tell. */
    int unreadBytes(Object key);

    /**
     * What the peer sent that is waiting in the kernel (its FIN or RST), asked without blocking and without
     * reading anything; {@link PeerSignal#UNKNOWN} where the platform cannot tell.
     */
    PeerSignal peerSignal(Object key);

    /** The socket's file descriptor number, or -1 (closed). */
    int fdNumber(Object key);
}
