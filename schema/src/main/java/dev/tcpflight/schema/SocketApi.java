package dev.tcpflight.schema;

/** The public JDK API a socket was made with: the {@code socketApi} field of the events. */
public enum SocketApi implements Vocabulary {
    SOCKET("java.net.Socket"),
    SERVER_SOCKET("java.net.ServerSocket"),
    /** Also when used through its {@code socket()} adaptor: one connection, one record. */
    SOCKET_CHANNEL("SocketChannel"),
    SERVER_SOCKET_CHANNEL("ServerSocketChannel"),
    ASYNC_SOCKET_CHANNEL("AsynchronousSocketChannel"),
    ASYNC_SERVER_SOCKET_CHANNEL("AsynchronousServerSocketChannel"),
    /** Netty's native epoll transport (any relocated copy), which calls the kernel without the JDK's socket code. */
    NETTY_EPOLL("netty-epoll"),
    /** A socket that was open before the agent was attached, first seen in a call that does not say which API. */
    UNKNOWN("unknown");

    private final String label;

    SocketApi(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
