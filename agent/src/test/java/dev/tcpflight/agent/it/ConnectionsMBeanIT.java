package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.programs.CloseWaitHolder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue #18: the live connection state in the platform MBean server, read through JMX by the program itself. */
class ConnectionsMBeanIT {

    @Test
    void theMBeanCountsWhatTheProgramHolds() throws Exception {
        List<String> lines = new ChildJvm().run(CloseWaitHolder.class).assertSucceeded().stdout().lines()
                .collect(Collectors.toList());
        String[] ports = value(lines, "ports").split(" ");
        String listener = "127.0.0.1:" + ports[2];
        assertEquals("5", value(lines, "Tracked"), lines.toString());
        assertEquals("11", value(lines, "Opened")); // with the listener closed to make a refused port
        assertEquals("0", value(lines, "AgentErrors"));
        assertEquals("{CLOSED=0, CLOSE_WAIT=2, CLOSING=0, ESTABLISHED=2, FIN_WAIT_1=0, FIN_WAIT_2=0, LAST_ACK=0,"
                + " LISTEN=1, SYN_RECEIVED=0, SYN_SENT=0, TIME_WAIT=0}", value(lines, "ByState"));
        assertEquals("{client=3, listener=1, server=1}", value(lines, "ByRole"));
        assertEquals("{failed=0, leaked=0, local-close=4, peer-close=1, refused=1, reset=0, timeout=0}",
                value(lines, "EndedByCause"));
        // the same counts as composites, one item per state, role or cause (what OpenTelemetry's JMX rules read)
        assertEquals("{closeWait=2, closed=0, closing=0, established=2, finWait1=0, finWait2=0, lastAck=0, listen=1,"
                + " synReceived=0, synSent=0, timeWait=0}", value(lines, "States"));
        assertEquals("{client=3, listener=1, server=1}", value(lines, "Roles"));
        assertEquals("{failed=0, leaked=0, localClose=4, peerClose=1, refused=1, reset=0, timeout=0}",
                value(lines, "Ended"));
        List<String> closeWait = lines.stream().filter(l -> l.startsWith("OldestCloseWait="))
                .map(l -> l.substring("OldestCloseWait=".length())).toList();
        // the code that read the EOF: CloseWaitHolder.main's read of readEof (line 44); nobody read the other one
        assertEquals(List.of(
                "client 127.0.0.1:" + ports[0] + " " + listener + " read-eof main true "
                        + CloseWaitHolder.class.getName() + ".main:44",
                "client 127.0.0.1:" + ports[1] + " " + listener + " fin-found tcpflight-peer-close true "),
                closeWait);
    }

    /** Making the platform MBean server costs ~170 ms: a JVM that never asks for it never gets one. */
    @Test
    void aJvmThatNeverUsesJmxGetsNoMBeanServer() throws Exception {
        String loaded = new ChildJvm().jvmOption("-Xlog:class+load=info").run(CloseWaitHolder.class, "--no-jmx")
                .assertSucceeded().stdout();
        assertTrue(loaded.contains("dev.tcpflight.agent.jmx.JmxRegistration"), "the agent ran");
        assertFalse(loaded.contains("com.sun.jmx.mbeanserver.JmxMBeanServer "), "no MBean server was made");
    }

    private static String value(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not printed: " + lines))
                .substring(name.length() + 1);
    }
}
