package dev.tcpflight.cli.testing;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import dev.tcpflight.schema.events.UntracedTransportEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;

/** Real .jfr files made in this JVM: what {@code body} commits while a recording runs, dumped to a file. */
public final class Recordings {

    private Recordings() {
    }

    public static Path record(Path file, Runnable body) throws IOException {
        return record(file, true, body);
    }

    public static Path record(Path file, boolean stackTraces, Runnable body) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable(StateChangeEvent.class).with("stackTrace", String.valueOf(stackTraces));
            recording.enable(ConnectionEvent.class);
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /**
     * A recording of several chunks, one per part at least: JFR starts a new chunk whenever a recording starts,
     * so a short one is started between the parts.
     */
    public static Path recordInChunks(Path file, Runnable... parts) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable(StateChangeEvent.class).with("stackTrace", "true");
            recording.enable(ConnectionEvent.class);
            recording.start();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    try (Recording rotation = new Recording()) {
                        rotation.start();
                    }
                }
                parts[i].run();
            }
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** As {@link #record}, with the agent's periodic events too (committed by the body, not by a period). */
    public static Path recordWithLooks(Path file, Runnable body) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable(StateChangeEvent.class).with("stackTrace", "true");
            recording.enable(ConnectionEvent.class);
            recording.enable(SocketStatesEvent.class).withPeriod(Duration.ofHours(1));
            recording.enable(UnseenSocketEvent.class).withPeriod(Duration.ofHours(1));
            recording.enable(UntracedTransportEvent.class);
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** A recording that also holds this JVM's {@code jdk.JVMInformation}, as {@code tcpflight.jfc} enables it. */
    public static Path withJvmInformation(Path file, Runnable body) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable(StateChangeEvent.class);
            recording.enable(ConnectionEvent.class);
            recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** A valid recording with events, none of them tcpflight's. */
    public static Path withoutTcpflightEvents(Path file) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable(OtherEvent.class);
            recording.start();
            new OtherEvent().commit();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    @Name("test.Other")
    static final class OtherEvent extends Event {
    }
}
