package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.libraries.HeldConnections;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the real OpenTelemetry Java agent (a second -javaagent) reads the agent's MBean with JMX Metric Insight
 * and the shipped rules (docs/integrations/otel-jmx.yaml), and exports the counts, exact, through its logging
 * exporter (stderr; no port, no network).
 */
class OtelJmxMetricsIT {

    private static final Path RULES = Path.of("../docs/integrations/otel-jmx.yaml");
    /** One line of the logging exporter: {@code ... - metric: ImmutableMetricData{... name=tcpflight...}}. */
    private static final Pattern METRIC =
            Pattern.compile("metric: ImmutableMetricData\\{.*?, name=(tcpflight\\.[a-z_.]+),");
    /** One point of it: {@code attributes={state="CLOSE_WAIT"}, value=1}, or {@code attributes={}, value=7}. */
    private static final Pattern POINT = Pattern.compile("attributes=\\{(?:(\\w+)=\"([\\w-]+)\")?}, value=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theOpenTelemetryAgentExportsTheConnectionsByState() throws Exception {
        Path stop = dir.resolve("stop");
        ChildJvm.Running child = new ChildJvm()
                .jvmOption("-javaagent:" + openTelemetryAgent())
                .jvmOption("-Dotel.jmx.config=" + RULES.toAbsolutePath())
                .jvmOption("-Dotel.jmx.discovery.delay=200")
                .jvmOption("-Dotel.metric.export.interval=500")
                .jvmOption("-Dotel.metrics.exporter=logging")
                .jvmOption("-Dotel.traces.exporter=none")
                .jvmOption("-Dotel.logs.exporter=none")
                .jvmOption("-Dotel.service.name=held-connections")
                .withClassPath(Path.of(HeldConnections.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()))
                .start(HeldConnections.class, stop.toString());
        Map<String, String> exported;
        try {
            child.awaitLine("ready");
            exported = awaitCloseWait(child.err(), Duration.ofSeconds(60));
        } finally {
            Files.createFile(stop);
        }
        ChildJvm.Result result = child.finish().assertSucceeded();
        // A listener, a client whose peer closed (never read: found by the agent's look), and an open connection.
        assertEquals("1", exported.get("tcpflight.connections{state=CLOSE_WAIT}"), result.stderr());
        assertEquals("1", exported.get("tcpflight.connections{state=LISTEN}"), exported.toString());
        assertEquals("2", exported.get("tcpflight.connections{state=ESTABLISHED}"), exported.toString());
        for (String state : new String[] {"CLOSED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSING", "LAST_ACK", "TIME_WAIT"}) {
            assertEquals("0", exported.get("tcpflight.connections{state=" + state + "}"), state);
        }
        assertEquals("2", exported.get("tcpflight.connections.by_role{role=client}"), exported.toString());
        assertEquals("1", exported.get("tcpflight.connections.by_role{role=server}"));
        assertEquals("1", exported.get("tcpflight.connections.by_role{role=listener}"));
        assertEquals("1", exported.get("tcpflight.connections.ended{cause=local-close}"));
        assertEquals("0", exported.get("tcpflight.connections.ended{cause=reset}"));
        assertEquals("5", exported.get("tcpflight.connections.opened")); // the accepted one closed included
        assertEquals("0", exported.get("tcpflight.agent.errors"));
    }

    /** The exports once the never-read FIN shows as CLOSE_WAIT and every metric came, or at the deadline. */
    private static Map<String, String> awaitCloseWait(Path stderr, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Thread.sleep(200);
            Map<String, String> exported = exported(Files.readString(stderr));
            if ("1".equals(exported.get("tcpflight.connections{state=CLOSE_WAIT}"))
                    && exported.containsKey("tcpflight.agent.errors") || System.nanoTime() > deadline) {
                return exported;
            }
        }
    }

    /** Each metric's points in the exporter's log, the later export of a metric replacing the earlier. */
    private static Map<String, String> exported(String log) {
        Map<String, String> points = new TreeMap<>();
        for (String line : log.split("\n")) {
            Matcher metric = METRIC.matcher(line);
            if (!metric.find()) {
                continue;
            }
            Matcher point = POINT.matcher(line);
            while (point.find()) {
                String key = metric.group(1) + (point.group(1) == null ? ""
                        : "{" + point.group(1) + "=" + point.group(2) + "}");
                points.put(key, point.group(3));
            }
        }
        return points;
    }

    private static String openTelemetryAgent() {
        String jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("opentelemetry-javaagent")).findFirst().orElse(null);
        assertTrue(jar != null, "the OpenTelemetry agent jar is not on the test class path");
        return jar;
    }
}
