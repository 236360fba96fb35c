package dev.tcpflight.agent.tracking;

/** Which end of a TCP conversation a socket is: the {@code role} field of the events. */
public enum Role {
    CLIENT("client"), SERVER("server"), LISTENER("listener");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
