package dev.tcpflight.agent.it;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** The tcpflight events of one recording, grouped per connection. */
final class RecordedConnections {

    /**
     * One transition: a {@code tcpflight.StateChange} event, or one of the two steps of an event with a via state
     * (a connect's or an accept's, {@code part} INTO then ONWARD), answering for itself what the event holds for
     * both: its states, source, sequence number and time.
     */
    record Step(RecordedEvent event, Part part) {

        enum Part { WHOLE, INTO, ONWARD }

        /** The event's transitions: one, or the two a via state joins. */
        static List<Step> of(RecordedEvent event) {
            String via = event.hasField(Fields.VIA_STATE) ? event.getString(Fields.VIA_STATE) : null;
            return via == null || via.isEmpty() ? List.of(new Step(event, Part.WHOLE))
                    : List.of(new Step(event, Part.INTO), new Step(event, Part.ONWARD));
        }

        String getString(String field) {
            if (part == Part.INTO && field.equals(Fields.TO_STATE)) {
                return event.getString(Fields.VIA_STATE);
            }
            if (part == Part.INTO && field.equals(Fields.SOURCE)) {
                return event.getString(Fields.VIA_SOURCE);
            }
            if (part == Part.ONWARD && field.equals(Fields.FROM_STATE)) {
                return event.getString(Fields.VIA_STATE);
            }
            return event.getString(field);
        }

        int getInt(String field) {
            return event.getInt(field) + (part == Part.ONWARD && field.equals(Fields.SEQUENCE) ? 1 : 0);
        }

        long getLong(String field) {
            return event.getLong(field);
        }

        /** The event's start; the step out of the via state happened at its end. */
        Instant getStartTime() {
            return part == Part.ONWARD ? event.getEndTime() : event.getStartTime();
        }

        RecordedThread getThread() {
            return event.getThread();
        }

        RecordedStackTrace getStackTrace() {
            return event.getStackTrace();
        }
    }

    /** One socket: its transitions in sequence order and its closing Connection event, if any. */
    record Connection(long id, List<Step> transitions, RecordedEvent summary) {

        String role() {
            return transitions.get(0).getString(Fields.ROLE);
        }

        String socketApi() {
            return transitions.get(0).getString(Fields.SOCKET_API);
        }

        /** "FROM>TO:trigger" in order, the notation of the demo scenarios' expectations. */
        List<String> path() {
            return transitions.stream().map(e -> e.getString(Fields.FROM_STATE) + ">"
                    + e.getString(Fields.TO_STATE) + ":" + e.getString(Fields.TRIGGER)).toList();
        }

        /** {@link #path()} without the kernel sampler's transitions, whose timing varies from run to run. */
        List<String> jvmPath() {
            return path().stream().filter(step -> !step.endsWith(":kernel")).toList();
        }

        String local() {
            Step last = transitions.get(transitions.size() - 1);
            return last.getString(Fields.LOCAL_ADDRESS) + ":" + last.getInt(Fields.LOCAL_PORT);
        }

        String remote() {
            Step last = transitions.get(transitions.size() - 1);
            return last.getString(Fields.REMOTE_ADDRESS) + ":" + last.getInt(Fields.REMOTE_PORT);
        }

        Step transitionTo(String state) {
            return transitions.stream().filter(e -> e.getString(Fields.TO_STATE).equals(state)).findFirst()
                    .orElseThrow(() -> new AssertionError("no transition to " + state + " in " + path()));
        }
    }

    private final List<Connection> connections;

    private RecordedConnections(List<Connection> connections) {
        this.connections = connections;
    }

    static RecordedConnections read(Path recording) throws IOException {
        Map<Long, List<Step>> transitions = new LinkedHashMap<>();
        Map<Long, RecordedEvent> summaries = new LinkedHashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case StateChangeEvent.NAME -> transitions
                        .computeIfAbsent(event.getLong(Fields.CONNECTION_ID), id -> new ArrayList<>())
                        .addAll(Step.of(event));
                case ConnectionEvent.NAME -> summaries.put(event.getLong(Fields.CONNECTION_ID), event);
                default -> { }
            }
        }
        List<Connection> connections = new ArrayList<>();
        transitions.forEach((id, steps) -> {
            steps.sort(Comparator.comparingInt(step -> step.getInt(Fields.SEQUENCE)));
            connections.add(new Connection(id, List.copyOf(steps), summaries.get(id)));
        });
        connections.sort(Comparator.comparingLong(Connection::id));
        return new RecordedConnections(connections);
    }

    List<Connection> all() {
        return connections;
    }

    List<Connection> withRole(String role) {
        return connections.stream().filter(c -> c.role().equals(role)).toList();
    }

    Connection only(String role) {
        List<Connection> matching = withRole(role);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + role + " connection, found " + matching.size()
                    + ": " + describe());
        }
        return matching.get(0);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        for (Connection c : connections) {
            text.append("\n  #").append(c.id()).append(' ').append(c.role()).append(' ').append(c.path());
        }
        return text.toString();
    }

    /** The first frame of a transition's stack that belongs to neither the JDK nor the agent. */
    static Optional<RecordedFrame> firstApplicationFrame(Step step) {
        if (step.getStackTrace() == null) {
            return Optional.empty();
        }
        return step.getStackTrace().getFrames().stream()
                .filter(f -> f.isJavaFrame() && !isPlatformOrAgent(f.getMethod().getType().getName()))
                .findFirst();
    }

    private static boolean isPlatformOrAgent(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("dev.tcpflight.agent.") && !className.startsWith("dev.tcpflight.agent.it.");
    }
}
