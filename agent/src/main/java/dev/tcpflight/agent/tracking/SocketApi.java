package dev.tcpflight.agent.tracking;

/** The public JDK API a socket was made with: the {@code socketApi} field of the events. */
public enum SocketApi {
    SOCKET("java.net.Socket"),
    SERVER_SOCKET("java.net.ServerSocket");

    private final String label;

    SocketApi(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
