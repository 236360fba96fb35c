package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What {@code record} and {@code watch} must show of a {@link TrafficTarget}, whose connections to itself close
 * client first: each connection made while recording, with its exact path and sequence numbers.
 */
final class TrafficPaths {

    static final List<String> CLIENT_PATH =
            List.of("CLOSED → SYN_SENT", "SYN_SENT → ESTABLISHED", "ESTABLISHED → FIN_WAIT_1");
    static final List<String> SERVER_PATH = List.of("LISTEN → SYN_RECEIVED", "SYN_RECEIVED → ESTABLISHED",
            "ESTABLISHED → CLOSE_WAIT", "CLOSE_WAIT → LAST_ACK");

    /** A recording's connections made and ended while it ran, all exact, and what was open at an attach. */
    record Recorded(int complete, Set<String> openAtAttach) {
    }

    private TrafficPaths() {
    }

    /**
     * Reads a recording: every connection that began and ended in it has the client's or the server's exact path
     * (a connection met mid-life after an attach, {@code first-seen}, is left out); the count of them, and the
     * sockets listed as open at an attach ({@code role STATE port}).
     */
    static Recorded read(Path file) throws Exception {
        Map<Long, List<RecordedEvent>> transitions = new TreeMap<>();
        Map<Long, String> roles = new TreeMap<>();
        Set<String> openAtAttach = new TreeSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals(PreexistingSocketEvent.NAME)) {
                openAtAttach.add(event.getString(Fields.ROLE) + " " + event.getString(Fields.STATE) + " "
                        + (event.getString(Fields.ROLE).equals("client") ? event.getInt(Fields.REMOTE_PORT)
                                : event.getInt(Fields.LOCAL_PORT)));
            } else if (type.equals(StateChangeEvent.NAME)) {
                transitions.computeIfAbsent(event.getLong(Fields.CONNECTION_ID), id -> new ArrayList<>()).add(event);
            } else if (type.equals(ConnectionEvent.NAME)) {
                roles.put(event.getLong(Fields.CONNECTION_ID), event.getString(Fields.ROLE));
            }
        }
        int complete = 0;
        for (Map.Entry<Long, String> ended : roles.entrySet()) {
            List<RecordedEvent> events = transitions.getOrDefault(ended.getKey(), List.of());
            events.sort((a, b) -> Integer.compare(a.getInt(Fields.SEQUENCE), b.getInt(Fields.SEQUENCE)));
            if (events.isEmpty() || events.get(0).getInt(Fields.SEQUENCE) != 1) {
                continue; // began before the recording did
            }
            if (events.get(0).getString(Fields.TRIGGER).equals("first-seen")) {
                // open before the attach (an accept under way then): met mid-life
                assertEquals("CLOSED → ESTABLISHED", events.get(0).getString(Fields.FROM_STATE) + " → "
                        + events.get(0).getString(Fields.TO_STATE));
                continue;
            }
            List<String> path = new ArrayList<>();
            List<Integer> sequences = new ArrayList<>();
            for (RecordedEvent e : events) { // an event with a via state is a call's two transitions
                String via = e.getString(Fields.VIA_STATE);
                List<String> states = via.isEmpty() ? List.of(e.getString(Fields.FROM_STATE), e.getString(
                        Fields.TO_STATE)) : List.of(e.getString(Fields.FROM_STATE), via, e.getString(Fields.TO_STATE));
                for (int i = 1; i < states.size(); i++) {
                    path.add(states.get(i - 1) + " → " + states.get(i));
                    sequences.add(e.getInt(Fields.SEQUENCE) + i - 1);
                }
            }
            List<String> expected = ended.getValue().equals("client") ? CLIENT_PATH : SERVER_PATH;
            assertEquals(expected, path, "connection " + ended.getKey() + " (" + ended.getValue() + ")");
            assertEquals(List.of(1, 2, 3, 4).subList(0, expected.size()), sequences);
            complete++;
        }
        return new Recorded(complete, openAtAttach);
    }

    /**
     * Checks that every line of {@code watch --plain} is a transition line, and counts by role the connections
     * whose lines make up a whole path.
     */
    static Map<String, Long> watched(String output) {
        Pattern line = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  #(\\d+)  (client|server)  127\\.0\\.0\\.1:\\d+"
                + " → 127\\.0\\.0\\.1:\\d+  (\\w+ → \\w+)  [\\w-]+  (api|inferred|kernel)");
        Map<String, List<String>> byConnection = new TreeMap<>();
        for (String text : output.lines().toList()) {
            Matcher matcher = line.matcher(text);
            assertTrue(matcher.matches(), "a transition line: '" + text + "' in " + output);
            byConnection.computeIfAbsent(matcher.group(2) + " #" + matcher.group(1), k -> new ArrayList<>())
                    .add(matcher.group(3));
        }
        return byConnection.entrySet().stream()
                .filter(e -> e.getValue().equals(e.getKey().startsWith("client") ? CLIENT_PATH : SERVER_PATH))
                .collect(Collectors.groupingBy(e -> e.getKey().split(" ")[0], Collectors.counting()));
    }
}
