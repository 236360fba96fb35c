package dev.tcpflight.bench;

import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordingFile;

/** Checks a child's recording: an agent variant that recorded no transition measured nothing. */
final class Recordings {


    private Recordings() {
    }

    /** The number of tcpflight.StateChange events; fails when there are none. */
    static long stateChanges(Path recording) throws IOException {
        long count = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                if (file.readEvent().getEventType().getName().equals(StateChangeEvent.NAME)) {
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalStateException(recording + " holds no " + StateChangeEvent.NAME
                    + " event: the agent did not work");
        }
        return count;
    }
}
