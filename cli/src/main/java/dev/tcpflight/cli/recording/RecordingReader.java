package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads tcpflight events from .jfr files into per-connection timelines. Streams each file event by event, so
 * only tcpflight's events are held in memory, not the whole recording.
 */
public final class RecordingReader {

    private static final String STATE_CHANGE = "tcpflight.StateChange";
    private static final String CONNECTION = "tcpflight.Connection";

    private static final byte[] JFR_MAGIC = "FLR\0".getBytes(StandardCharsets.ISO_8859_1);

    private final Set<ConnectionKey> keys = new LinkedHashSet<>();
    private final Map<ConnectionKey, List<Transition>> transitions = new HashMap<>();
    private final Map<ConnectionKey, ConnectionEnd> ends = new HashMap<>();

    /** All connections of all files, ordered by their first transition. */
    public static List<ConnectionTimeline> read(List<Path> files) throws TcpflightException {
        RecordingReader reader = new RecordingReader();
        for (Path file : new LinkedHashSet<>(files)) { // a file given twice would double every transition
            reader.readFile(file);
        }
        return reader.keys.stream()
                .map(key -> new ConnectionTimeline(key, reader.transitions.getOrDefault(key, List.of()),
                        Optional.ofNullable(reader.ends.get(key))))
                .sorted(ConnectionTimeline.BY_START)
                .toList();
    }

    private void readFile(Path file) throws TcpflightException {
        checkIsRecording(file);
        int found = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                if (accept(file, recording.readEvent())) {
                    found++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The JDK's parser reports damage as EOFException, IOException or even an index exception.
            throw new TcpflightException(file + " is truncated or corrupt ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (TcpflightException e) {
            throw new TcpflightException(file + ": " + e.getMessage(), e);
        }
        if (found == 0) {
            throw new TcpflightException("no tcpflight events in " + file
                    + ": was the agent loaded (-javaagent) and tcpflight.jfc used?");
        }
    }

    /** Checks up front what the JDK's parser reports confusingly ("Not a complete Chunk header"). */
    private static void checkIsRecording(Path file) throws TcpflightException {
        if (!Files.exists(file)) {
            throw new TcpflightException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new TcpflightException(file + " is a directory, not a .jfr recording");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(JFR_MAGIC.length);
        } catch (IOException e) {
            throw new TcpflightException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(head, JFR_MAGIC)) {
            throw new TcpflightException(file + " is not a JDK Flight Recorder (.jfr) recording");
        }
    }

    private boolean accept(Path file, RecordedEvent event) throws TcpflightException {
        String type = event.getEventType().getName();
        if (STATE_CHANGE.equals(type)) {
            ConnectionKey key = key(file, event);
            transitions.computeIfAbsent(key, k -> new ArrayList<>()).add(transition(event));
            return true;
        }
        if (CONNECTION.equals(type)) {
            ends.put(key(file, event), end(event));
            return true;
        }
        return false;
    }

    private ConnectionKey key(Path file, RecordedEvent event) throws TcpflightException {
        ConnectionKey key = new ConnectionKey(file, EventFields.longValue(event, "connectionId"));
        keys.add(key);
        return key;
    }

    private static Transition transition(RecordedEvent e) throws TcpflightException {
        RecordedThread thread = e.getThread();
        String threadName = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        return new Transition(e.getStartTime(), EventFields.intValue(e, "sequence"),
                EventFields.string(e, "fromState"), EventFields.string(e, "toState"),
                EventFields.string(e, "trigger"), EventFields.string(e, "source"), EventFields.string(e, "detail"),
                threadName, StackFrames.topApplicationFrame(e.getStackTrace()), socket(e));
    }

    private static ConnectionEnd end(RecordedEvent e) throws TcpflightException {
        return new ConnectionEnd(e.getStartTime(), e.getDuration(),
                EventFields.longValue(e, "bytesRead"), EventFields.longValue(e, "bytesWritten"),
                EventFields.string(e, "finalState"), EventFields.string(e, "endCause"), socket(e));
    }

    private static SocketInfo socket(RecordedEvent e) throws TcpflightException {
        return new SocketInfo(EventFields.string(e, "role"), EventFields.string(e, "socketApi"),
                new Endpoint(EventFields.string(e, "localAddress"), EventFields.intValue(e, "localPort")),
                new Endpoint(EventFields.string(e, "remoteAddress"), EventFields.intValue(e, "remotePort")));
    }
}
