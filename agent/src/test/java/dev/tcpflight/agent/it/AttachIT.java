package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.BusyServer;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the agent into a running JVM (the Attach API, as {@code jcmd JVMTI.agent_load} does) while 100 threads
 * are in the middle of socket I/O: the retransformation completes, nothing deadlocks, every connection made
 * after the attach is recorded exactly, the 100 connections open before it are reported from their first touch
 * and in the attach snapshot; a second attach changes nothing.
 */
class AttachIT {

    @TempDir
    Path dir;

    @Test
    void attachUnderLoadThenAttachAgain() throws Exception {
        Path recording = dir.resolve("attach.jfr");
        Path stop = dir.resolve("stop");
        ChildJvm child = new ChildJvm().withoutAgent()
                .jvmOption("-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings="
                        + ChildJvm.JFC);
        if (Runtime.version().feature() >= 21) {
            child.jvmOption("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Running running = child.start(BusyServer.class, stop.toString());
        running.awaitLine("ready");
        load(running.pid(), "kernel=off"); // exact JVM-side sequences: no kernel states added by timing
        Thread.sleep(1_000); // let the application make connections under the agent
        load(running.pid(), "kernel=off");
        Files.createFile(stop);
        ChildJvm.Result result = running.finish().assertSucceeded();
        assertEquals(1, result.stderr().lines().filter(l -> l.contains("agent already loaded")).count(),
                result.stderr());
        assertTrue(result.stderr().lines().noneMatch(l -> l.contains("WARNING: internal error")), result.stderr());

        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> clients = recorded.withRole("client");
        List<Connection> servers = recorded.withRole("server");
        // Connections made after the attach: their whole life, exactly.
        List<Connection> newClients = clients.stream().filter(c -> !firstSeen(c)).toList();
        assertTrue(newClients.size() >= BusyServer.FINAL_CONNECTIONS, "short connections after the attach: "
                + newClients.size());
        for (Connection client : newClients) {
            assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                    "ESTABLISHED>FIN_WAIT_1:close"), client.path());
        }
        for (Connection server : servers.stream().filter(c -> !firstSeen(c)).toList()) {
            assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                    "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), server.path(),
                    () -> explain(server, recording));
        }
        // The 100 persistent connections were open before the attach: met mid-life, at their first read or write,
        // in the state the kernel showed; then closed by the client. Plus at most the short connection (and its
        // accept) in flight at the moment of the attach.
        List<Connection> oldClients = clients.stream().filter(AttachIT::firstSeen).toList();
        List<Connection> oldServers = servers.stream().filter(AttachIT::firstSeen).toList();
        assertTrue(oldClients.size() >= BusyServer.THREADS && oldClients.size() <= BusyServer.THREADS + 1,
                oldClients.size() + " pre-existing clients" + recorded.describe());
        assertTrue(oldServers.size() >= BusyServer.THREADS && oldServers.size() <= BusyServer.THREADS + 2,
                oldServers.size() + " pre-existing servers" + recorded.describe());
        for (Connection client : oldClients) {
            assertEquals(List.of("CLOSED>ESTABLISHED:first-seen", "ESTABLISHED>FIN_WAIT_1:close"), client.path());
            assertEquals("inferred", client.transitions().get(0).getString(Fields.SOURCE));
        }
        for (Connection server : oldServers) {
            assertEquals(List.of("CLOSED>ESTABLISHED:first-seen", "ESTABLISHED>CLOSE_WAIT:read-eof",
                    "CLOSE_WAIT>LAST_ACK:close"), server.path());
        }
        assertTrue(Math.abs(newClients.size() - (servers.size() - oldServers.size())) <= 1, recorded.describe());

        // The snapshot taken at the attach, in the recording that was running then.
        List<RecordedEvent> snapshot = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(PreexistingSocketEvent.NAME)).toList();
        // Repeated at the start of chunks (the last one can be cut short by the JVM's exit): the same socket for a
        // descriptor each time.
        Map<Integer, String> byFd = snapshot.stream().collect(Collectors.toMap(e -> e.getInt(Fields.FD),
                e -> e.getString(Fields.ROLE) + " " + e.getString(Fields.STATE) + " " + e.getInt(Fields.LOCAL_PORT), (
                        a, b) -> {
                    assertEquals(a, b, "one socket per descriptor");
                    return a;
                }));
        Map<String, Long> byRoleAndState = byFd.values().stream().collect(Collectors.groupingBy(
                text -> text.substring(0, text.lastIndexOf(' ')), Collectors.counting()));
        assertEquals(1L, byRoleAndState.get("listener LISTEN"), byRoleAndState.toString());
        assertTrue(byRoleAndState.get("client ESTABLISHED") >= BusyServer.THREADS, byRoleAndState.toString());
        assertTrue(byRoleAndState.get("server ESTABLISHED") >= BusyServer.THREADS, byRoleAndState.toString());
    }

    /** What a failure needs said: the connection's events one by one, and whether JFR itself lost any. */
    private static String explain(Connection connection, Path recording) {
        StringBuilder text = new StringBuilder("connection #" + connection.id() + ":");
        for (RecordedConnections.Step step : connection.transitions()) {
            text.append("\n  seq ").append(step.getInt(Fields.SEQUENCE)).append(' ')
                    .append(step.getString(Fields.FROM_STATE)).append('>').append(step.getString(Fields.TO_STATE))
                    .append(" at ").append(step.getStartTime()).append(" on ")
                    .append(step.getThread() == null ? "?" : step.getThread().getJavaName());
        }
        try {
            List<RecordedEvent> all = RecordingFile.readAllEvents(recording);
            text.append("\n  jdk.DataLoss events: ")
                    .append(all.stream().filter(e -> e.getEventType().getName().equals("jdk.DataLoss")).count())
                    .append("; the attach snapshot at ").append(all.stream()
                            .filter(e -> e.getEventType().getName().equals(PreexistingSocketEvent.NAME))
                            .map(RecordedEvent::getStartTime).min(Comparable::compareTo).orElse(null));
        } catch (IOException e) {
            text.append("\n  (recording unreadable: ").append(e).append(')');
        }
        return text.toString();
    }

    private static boolean firstSeen(Connection connection) {
        return connection.path().get(0).endsWith(":first-seen");
    }

    /** Loads the agent into a running JVM, as {@code jcmd PID JVMTI.agent_load} does. */
    static void load(long pid, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            vm.loadAgent(ChildJvm.AGENT_JAR.toAbsolutePath().toString(), options);
        } finally {
            vm.detach();
        }
    }
}
