package dev.tcpflight.agent.bridge;

import java.io.FileDescriptor;
import java.net.InetSocketAddress;

/**
 * What the bridge asks of a socket before telling the tracker, answered from the agent's own class loader (the
 * JDK internals it reads are opened to that loader's module). Each answer is null when the socket cannot tell.
 */
public interface SocketInspection {

    /** The file descriptor of a {@code java.net.SocketImpl}, e.g. the one an accept just filled in. */
    FileDescriptor fileDescriptorOf(Object socketImpl);

    InetSocketAddress acceptedImplLocalAddress(Object socketImpl, FileDescriptor fd);

    InetSocketAddress acceptedImplRemoteAddress(Object socketImpl, FileDescriptor fd);

    InetSocketAddress acceptedChannelLocalAddress(Object channel, FileDescriptor fd);

    /** Whether a native transport's socket is a TCP socket (its connect also serves UDP). */
    boolean isTcp(Object key);

    InetSocketAddress localAddress(Object key);

    InetSocketAddress remoteAddress(Object key);
}
