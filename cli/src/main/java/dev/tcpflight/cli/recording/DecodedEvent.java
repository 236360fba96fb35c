package dev.tcpflight.cli.recording;

import java.time.Instant;

/**
 * A tcpflight event read from a recording: one transition or one connection end (the other is null).
 *
 * @param endTime when the event was committed: how far the recording read so far reaches
 */
record DecodedEvent(ConnectionKey key, Instant endTime, Transition transition, ConnectionEnd end) {

    void addTo(ConnectionAssembler assembler) {
        if (transition != null) {
            assembler.transition(key, transition);
        } else {
            assembler.end(key, end);
        }
    }
}
