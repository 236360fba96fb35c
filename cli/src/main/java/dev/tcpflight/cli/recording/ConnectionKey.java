package dev.tcpflight.cli.recording;

import java.nio.file.Path;

/** Connection ids are unique only within one JVM run, so a connection is identified by its recording too. */
public record ConnectionKey(Path recording, long connectionId) {

    /** As the record's, but cheap for the usual case: the keys of one file share its Path object. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionKey other && connectionId == other.connectionId
                && (recording == other.recording || recording.equals(other.recording));
    }

    @Override
    public int hashCode() {
        return 31 * recording.hashCode() + Long.hashCode(connectionId);
    }
}
