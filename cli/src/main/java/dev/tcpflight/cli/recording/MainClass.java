package dev.tcpflight.cli.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The program a recording's JVM ran, from its {@code jdk.JVMInformation} event ({@code tcpflight.jfc} enables
 * it at the start of every chunk), to name the JVM by. Cheap: the event is among the first of a file, so only
 * the first events are looked at; a recording without it (or one that is damaged, which the reader reports) has
 * no main class.
 */
public final class MainClass {

    private static final String JVM_INFORMATION = "jdk.JVMInformation";
    /** Far more than the events a chunk starts with, far fewer than a large recording holds. */
    private static final int EVENTS_LOOKED_AT = 10_000;

    private MainClass() {
    }

    /** {@code ProxyMain} for {@code com.example.ProxyMain --port 8080}, {@code app.jar} for {@code -jar}. */
    public static Optional<String> of(Path file) {
        try (RecordingFile in = new RecordingFile(file)) {
            for (int i = 0; i < EVENTS_LOOKED_AT && in.hasMoreEvents(); i++) {
                RecordedEvent event = in.readEvent();
                if (event.getEventType().getName().equals(JVM_INFORMATION) && event.hasField("javaArguments")) {
                    return name(event.getString("javaArguments"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the reader reports a damaged file, with its reason
        }
        return Optional.empty();
    }

    public static Optional<String> name(String javaArguments) {
        String command = javaArguments == null ? "" : javaArguments.strip().split("\\s+", 2)[0];
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.endsWith(".jar")) {
            return Optional.of(Path.of(command).getFileName().toString());
        }
        return Optional.of(command.substring(command.lastIndexOf('.') + 1));
    }
}
