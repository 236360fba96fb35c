package dev.tcpflight.cli.analysis;

/** The TCP segments a ladder diagram shows. */
public enum SegmentKind {
    SYN("SYN"), SYN_ACK("SYN+ACK"), ACK("ACK"), FIN("FIN"), RST("RST");

    private final String label;

    SegmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
