package dev.tcpflight.schema;

/** Which end of a TCP conversation a socket is: the {@code role} field of the events. */
public enum Role implements Vocabulary {
    CLIENT("client"), SERVER("server"), LISTENER("listener");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
