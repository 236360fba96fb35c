package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.agent.it.libraries.HeldConnections;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Issue #18: the real Prometheus JMX exporter (a second -javaagent, its HTTP port on 127.0.0.1) turns the agent's
 * MBean into metrics with the shipped rules (docs/integrations/jmx-exporter.yaml); the counts are exact. Then a
 * real Prometheus server (Debian package) scrapes them and gives them back through its query API.
 */
class PrometheusJmxExporterIT {

    private static final Path RULES = Path.of("../docs/integrations/jmx-exporter.yaml");
    private static final Pattern SAMPLE = Pattern.compile("^(tcpflight_[a-z_]+)(\\{[^}]*})? (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void theExporterShowsTheConnectionsByState() throws Exception {
        try (ExportingJvm jvm = ExportingJvm.start(dir)) {
            assertExact(jvm.awaitCloseWait());
        }
    }

    /** A real Prometheus (Debian package) scrapes the exporter and gives the values back through its query API. */
    @Test
    void prometheusGetsThemBack() throws Exception {
        try (ExportingJvm jvm = ExportingJvm.start(dir)) {
            jvm.awaitCloseWait();
            try (PrometheusServer prometheus = PrometheusServer.start(dir, jvm.port)) {
                assertEquals("1", prometheus.awaitValue("tcpflight_connections{state=\"CLOSE_WAIT\"}",
                        Duration.ofSeconds(30)));
                assertEquals("2", prometheus.awaitValue("tcpflight_connections{state=\"LISTEN\"}",
                        Duration.ofSeconds(5)));
                assertEquals("0", prometheus.awaitValue("tcpflight_agent_errors_total", Duration.ofSeconds(5)));
            }
        }
    }

    /** The child program under the agent and the exporter, its metrics on {@code port}; closing ends it. */
    private record ExportingJvm(ChildJvm.Running child, int port, Path stop) implements AutoCloseable {

        static ExportingJvm start(Path dir) throws Exception {
            int port = freePort();
            Path stop = dir.resolve("stop");
            ChildJvm.Running child = new ChildJvm()
                    .jvmOption("-javaagent:" + exporterJar() + "=127.0.0.1:" + port + ":" + RULES.toAbsolutePath())
                    .withClassPath(Path.of(HeldConnections.class.getProtectionDomain().getCodeSource()
                            .getLocation().toURI()))
                    .start(HeldConnections.class, stop.toString());
            child.awaitLine("ready");
            return new ExportingJvm(child, port, stop);
        }

        /** The metrics once the agent's look has found the never-read FIN (or after 15 s). */
        Map<String, String> awaitCloseWait() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            Map<String, String> metrics;
            do {
                Thread.sleep(200);
                metrics = scrape(http, port);
            } while (!"1.0".equals(metrics.get("tcpflight_connections{state=\"CLOSE_WAIT\"}"))
                    && System.nanoTime() < deadline);
            return metrics;
        }

        @Override
        public void close() throws Exception {
            Files.createFile(stop);
            child.finish().assertSucceeded();
        }
    }

    private static void assertExact(Map<String, String> metrics) {
        // The exporter's own listener and the scrape's accepted connection are sockets of this JVM too.
        assertEquals("1.0", metrics.get("tcpflight_connections{state=\"CLOSE_WAIT\"}"), metrics.toString());
        assertEquals("2.0", metrics.get("tcpflight_connections{state=\"LISTEN\"}"), metrics.toString());
        assertEquals("3.0", metrics.get("tcpflight_connections{state=\"ESTABLISHED\"}"), metrics.toString());
        for (String state : new String[] {"CLOSED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSING", "LAST_ACK", "TIME_WAIT"}) {
            assertEquals("0.0", metrics.get("tcpflight_connections{state=\"" + state + "\"}"), state);
        }
        assertEquals("2.0", metrics.get("tcpflight_connections_by_role{role=\"client\"}"));
        assertEquals("2.0", metrics.get("tcpflight_connections_by_role{role=\"server\"}"));
        assertEquals("2.0", metrics.get("tcpflight_connections_by_role{role=\"listener\"}"));
        assertEquals("1.0", metrics.get("tcpflight_connections_ended_total{cause=\"local-close\"}"));
        assertEquals("7.0", metrics.get("tcpflight_connections_opened_total"));
        assertEquals("0.0", metrics.get("tcpflight_agent_errors_total"));
    }

    private static Map<String, String> scrape(HttpClient http, int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Map<String, String> samples = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), sample.group(3));
            }
        }
        return samples;
    }

    private static String exporterJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("jmx_prometheus_javaagent")).findFirst()
                .orElseThrow(() -> new AssertionError("the exporter jar is not on the test class path"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
