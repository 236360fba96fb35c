package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.programs.UnseenSocketHolder;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import dev.tcpflight.schema.UnseenReason;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing invisible (Linux): the TCP sockets of a JVM that no hook saw are in its recording as
 * {@code tcpflight.UnseenSocket}, in the states the kernel shows, up to the last one before the JVM exits.
 */
@EnabledOnOs(OS.LINUX) // /proc/self/fd and /proc/net/tcp{,6}
class UnseenSocketsIT {

    @TempDir
    Path dir;

    @Test
    void socketsNoHookSawAreReportedInTheirKernelStates() throws Exception {
        Path recording = dir.resolve("unseen.jfr");
        int trackedPort = freePort();
        ChildJvm.Result result;
        int heldPort;
        int inheritedPort;
        try (ServerSocket test = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            inheritedPort = test.getLocalPort();
            // the inherited connection's port is one to track: only its path keeps it from the hooks
            ChildJvm.Running child = new ChildJvm().agentOptions("ports=" + trackedPort + ";" + inheritedPort)
                    .recordTo(recording)
                    // the shell connects descriptor 3 before the JVM exists: no hook of the agent ever sees it
                    .launchedBy("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + inheritedPort + " && exec \"$@\"",
                            "bash")
                    .start(UnseenSocketHolder.class, String.valueOf(trackedPort));
            try (Socket peer = test.accept()) {
                heldPort = Integer.parseInt(child.awaitLineStartingWith("holding "));
                Thread.sleep(3_000); // two looks (1 s apart) find each socket unowned before it is reported
            } // our FIN: the child's descriptor 3 goes to CLOSE_WAIT, which only the kernel knows
            Thread.sleep(200);
            try (OutputStream stdin = child.process().getOutputStream()) {
                stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
            }
            // exits at once: only the look at the end of the recording's chunk can see the CLOSE_WAIT
            result = child.finish().assertSucceeded();
        }
        assertFalse(result.stderr().contains("[tcpflight]"), result.stderr());
        Map<Long, List<RecordedEvent>> unseen = unseenByInode(recording);
        String all = describe(unseen);

        List<RecordedEvent> inherited = socketWith(unseen, Fields.REMOTE_PORT, inheritedPort, all);
        RecordedEvent first = inherited.get(0);
        assertEquals(3, first.getInt(Fields.FD), all);
        assertEquals(Role.CLIENT.label(), first.getString(Fields.ROLE), all);
        assertEquals(UnseenReason.UNHOOKED.label(), first.getString(Fields.REASON), all);
        assertEquals(List.of("CLOSED>ESTABLISHED:first-seen:inferred", "ESTABLISHED>CLOSE_WAIT:kernel:kernel"),
                changes(inherited), all);
        assertEquals(TcpState.CLOSE_WAIT.name(), inherited.get(inherited.size() - 1).getString(Fields.STATE), all);

        List<RecordedEvent> listener = socketWith(unseen, Fields.LOCAL_PORT, heldPort, all).stream()
                .filter(e -> e.getString(Fields.ROLE).equals(Role.LISTENER.label())).toList();
        assertFalse(listener.isEmpty(), all);
        assertEquals(List.of("CLOSED>LISTEN:first-seen:inferred"), changes(listener), all);
        List<RecordedEvent> held = unseen.values().stream().flatMap(List::stream)
                .filter(e -> e.getInt(Fields.LOCAL_PORT) == heldPort || e.getInt(Fields.REMOTE_PORT) == heldPort)
                .toList();
        for (RecordedEvent event : held) {
            assertEquals(UnseenReason.FILTERED.label(), event.getString(Fields.REASON), all);
        }
        assertEquals(3, held.stream().map(e -> e.getLong(Fields.INODE)).distinct().count(),
                "the held listener, client and server: " + all);
        assertTrue(held.stream().anyMatch(e -> e.getString(Fields.ROLE).equals(Role.SERVER.label())
                && e.getString(Fields.STATE).equals(TcpState.ESTABLISHED.name())), all);
        assertEquals(4, unseen.size(), "nothing else, and nothing the agent tracked: " + all);

        RecordedConnections tracked = RecordedConnections.read(recording);
        assertEquals(3, tracked.all().size(), tracked.describe());
        tracked.all().forEach(c -> assertTrue(c.local().endsWith(":" + trackedPort)
                || c.remote().endsWith(":" + trackedPort), tracked.describe()));
    }

    private static Map<Long, List<RecordedEvent>> unseenByInode(Path recording) throws Exception {
        Map<Long, List<RecordedEvent>> byInode = new LinkedHashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals(UnseenSocketEvent.NAME)) {
                byInode.computeIfAbsent(event.getLong(Fields.INODE), inode -> new ArrayList<>()).add(event);
            }
        }
        byInode.values().forEach(events -> events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime())));
        return byInode;
    }

    private static List<RecordedEvent> socketWith(Map<Long, List<RecordedEvent>> unseen, String field, int port,
                                                  String all) {
        return unseen.values().stream().filter(events -> events.get(0).getInt(field) == port).findFirst()
                .orElseThrow(() -> new AssertionError("no unseen socket with " + field + " " + port + ": " + all));
    }

    /** The looks that found a change, as FROM>TO:trigger:source; every one through the agent's state machine. */
    private static List<String> changes(List<RecordedEvent> events) {
        List<String> changes = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (!e.getString(Fields.TRIGGER).isEmpty()) {
                assertTrue(e.getString(Fields.TRIGGER).equals(Trigger.FIRST_SEEN.label())
                        || e.getString(Fields.SOURCE).equals(Source.KERNEL.label()), e.toString());
                changes.add(e.getString(Fields.FROM_STATE) + ">" + e.getString(Fields.STATE) + ":"
                        + e.getString(Fields.TRIGGER) + ":" + e.getString(Fields.SOURCE));
            }
        }
        return changes;
    }

    private static String describe(Map<Long, List<RecordedEvent>> unseen) {
        StringBuilder text = new StringBuilder();
        unseen.forEach((inode, events) -> {
            RecordedEvent e = events.get(0);
            text.append("\n  inode ").append(inode).append(" fd ").append(e.getInt(Fields.FD)).append(' ')
                    .append(e.getString(Fields.ROLE)).append(' ').append(e.getInt(Fields.LOCAL_PORT)).append(" → ")
                    .append(e.getInt(Fields.REMOTE_PORT)).append(' ').append(e.getString(Fields.REASON)).append(' ')
                    .append(events.stream().map(x -> x.getString(Fields.STATE)).toList());
        });
        return text.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
