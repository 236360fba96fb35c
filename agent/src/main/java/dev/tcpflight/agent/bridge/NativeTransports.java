package dev.tcpflight.agent.bridge;

import dev.tcpflight.schema.SocketApi;

/**
 * Which native transport a Netty socket object belongs to, by its class: the hooked {@code Socket} methods are
 * shared by epoll ({@code LinuxSocket} of {@code .channel.epoll}), io_uring and kqueue, but only epoll makes its
 * connects and accepts through them (io_uring submits them to its ring), so only epoll's sockets are tracked: an
 * io_uring listener without its connections would be a half-truth. Asked at listen, connect and accept only.
 */
final class NativeTransports {

    private static final String EPOLL_SOCKET = ".netty.channel.epoll.LinuxSocket";

    private NativeTransports() {
    }

    /**
     * The transport's {@link SocketApi}, or null for a socket of a transport that is not traced, which
     * {@link UntracedTransports} then says once.
     */
    static SocketApi apiOf(Object socket) {
        if (socket.getClass().getName().endsWith(EPOLL_SOCKET)) {
            return SocketApi.NETTY_EPOLL;
        }
        UntracedTransports.met(socket);
        return null;
    }
}
