package dev.tcpflight.agent.it;

import com.sun.tools.attach.VirtualMachine;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.BusyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading the agent into a running JVM (the Attach API, as {@code jcmd JVMTI.agent_load} does) while 100 threads
 * are in the middle of socket I/O: the retransformation completes, nothing deadlocks, and every connection made
 * after the attach is recorded exactly; a second attach changes nothing.
 */
class AttachIT {

    @TempDir
    Path dir;

    @Test
    void attachUnderLoadThenAttachAgain() throws Exception {
        Path recording = dir.resolve("attach.jfr");
        Path stop = dir.resolve("stop");
        ChildJvm child = new ChildJvm().withoutAgent()
                .jvmOption("-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings=" + ChildJvm.JFC);
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
        assertTrue(clients.size() >= BusyServer.FINAL_CONNECTIONS, "short connections after the attach: " + clients.size());
        for (Connection client : clients) {
            assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                    "ESTABLISHED>FIN_WAIT_1:close"), client.path());
        }
        for (Connection server : recorded.withRole("server")) {
            assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                    "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), server.path());
        }
        // The one connection in flight at the moment of the attach may have only one end traced.
        assertTrue(Math.abs(clients.size() - recorded.withRole("server").size()) <= 1, recorded.describe());
    }

    private static void load(long pid, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            vm.loadAgent(ChildJvm.AGENT_JAR.toAbsolutePath().toString(), options);
        } finally {
            vm.detach();
        }
    }
}
