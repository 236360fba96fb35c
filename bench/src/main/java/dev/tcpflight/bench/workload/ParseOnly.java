package dev.tcpflight.bench.workload;

import java.io.IOException;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordingFile;

/**
 * The JDK's parser alone on a recording: every event read with {@link RecordingFile}, no field looked at. What
 * the CLI's rows compare to: the most a reader built on jdk.jfr.consumer can do in one thread.
 */
public final class ParseOnly {

    private ParseOnly() {
    }

    public static void main(String[] args) throws IOException {
        long events = 0;
        try (RecordingFile in = new RecordingFile(Path.of(args[0]))) {
            while (in.hasMoreEvents()) {
                in.readEvent();
                events++;
            }
        }
        new Result().put("events", events).print();
    }
}
