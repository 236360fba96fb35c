package dev.tcpflight.bench;

import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;

/** Checks a child's recording: an agent variant that recorded no transition measured nothing. */
final class Recordings {

    static final String STATE_CHANGE = "tcpflight.StateChange";

    private Recordings() {
    }

    /** The number of tcpflight.StateChange events; fails when there are none. */
    static long stateChanges(Path recording) throws IOException {
        long count = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                if (file.readEvent().getEventType().getName().equals(STATE_CHANGE)) {
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalStateException(recording + " holds no " + STATE_CHANGE + " event: the agent did not work");
        }
        return count;
    }
}
