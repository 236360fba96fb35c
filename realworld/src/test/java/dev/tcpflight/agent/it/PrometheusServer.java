package dev.tcpflight.agent.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A Prometheus server of the Debian package on a free port of 127.0.0.1, scraping one target every second, its
 * data in a test's directory. {@link #close()} stops it (SIGTERM; a kill after a bounded wait).
 */
final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(10);
    /** The one value of an instant query's answer, e.g. {@code "value":[1733250000.123,"1"]}. */
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"]");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it in {@code dir}, scraping {@code 127.0.0.1:targetPort}; skips the test where it is missing. */
    static PrometheusServer start(Path dir, int targetPort) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed; .ci/run installs it"
                + " (Debian package prometheus)");
        Path home = Files.createDirectory(dir.resolve("prometheus"));
        Path log = home.resolve("prometheus.log");
        Path config = Files.writeString(home.resolve("prometheus.yml"), String.join("\n",
                "global:", "  scrape_interval: 1s", "scrape_configs:", "  - job_name: tcpflight",
                "    static_configs:", "      - targets: ['127.0.0.1:" + targetPort + "']", ""));
        int port = NativeProcess.freePort();
        Process process = NativeProcess.start(home, log, List.of(BINARY.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        NativeProcess.awaitAcceptingOrStop(process, port, log, START, STOP);
        return new PrometheusServer(process, port);
    }

    /**
     * The value of an instant query once it has one (the first scrapes come a second or two after the start),
     * within {@code limit}; null if it never has.
     */
    String awaitValue(String query, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher value = VALUE.matcher(response.body());
            if (response.statusCode() == 200 && value.find()) {
                return value.group(1);
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        NativeProcess.finish(process, STOP);
    }
}
