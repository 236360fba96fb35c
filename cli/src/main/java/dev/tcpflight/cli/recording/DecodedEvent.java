package dev.tcpflight.cli.recording;

/** A tcpflight event read from a recording: one transition or one connection end (the other is null). */
record DecodedEvent(ConnectionKey key, Transition transition, ConnectionEnd end) {

    void addTo(ConnectionAssembler assembler) {
        if (transition != null) {
            assembler.transition(key, transition);
        } else {
            assembler.end(key, end);
        }
    }
}
