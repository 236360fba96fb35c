package dev.tcpflight.bench.workload;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child JVM: the JDK's own HTTP server ({@code com.sun.net.httpserver}, what {@code jwebserver} runs: one
 * dispatcher thread, a selector, {@code SocketChannel}s), answering a small fixed body, driven by {@code wrk}
 * (a native load generator, so only the server runs under the agent) over loopback. With {@code close=true}
 * every request sends {@code Connection: close}: a new connection per request, the server closing first.
 * Prints requests per second, the p99 latency and the process's CPU time per request, of the measured run only
 * (a first wrk run warms the JVM up).
 */
public final class HttpServerLoad {

    private static final byte[] BODY = "hello from tcpflight's bench\n".getBytes(StandardCharsets.US_ASCII);
    private static final int WRK_THREADS = 2;
    private static final int WRK_CONNECTIONS = 16;
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern P99 = Pattern.compile("99%\\s+([\\d.]+)(us|ms|s)");

    private HttpServerLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        boolean close = Boolean.parseBoolean(args.text("close"));
        // Without it a keep-alive exchange waits for the client's delayed ACK (headers and body are two writes):
        // ~360 requests/s at 48 ms each, whatever runs in the JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(EchoServer.loopback(), 0), 128);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            wrk(url, close, args.integer("warmupMs"));
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            String report = wrk(url, close, args.integer("measureMs"));
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long requests = figure(REQUESTS, report);
            Matcher p99 = P99.matcher(report);
            if (requests == 0 || !p99.find()) {
                throw new IOException("wrk reported no requests or no latency:\n" + report);
            }
            // wrk's own count over its -d duration; the CPU is the server's over the whole wrk run
            new Result().put("ops_per_s", requests / durationSeconds(args.integer("measureMs")))
                    .put("p99_us", micros(p99.group(1), p99.group(2)))
                    .put("cpu_us_per_op", cpu / 1e3 / requests).print();
        } finally {
            server.stop(0);
        }
    }

    /** wrk's durations are whole seconds. */
    private static long durationSeconds(int ms) {
        return Math.max(1, Math.round(ms / 1e3));
    }

    private static String wrk(String url, boolean close, int ms) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + WRK_THREADS, "-c" + WRK_CONNECTIONS,
                "-d" + durationSeconds(ms) + "s", "--latency"));
        if (close) {
            command.addAll(List.of("-H", "Connection: close"));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(durationSeconds(ms) + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            wrk.destroyForcibly();
            throw new IOException("wrk failed: " + output);
        }
        return output;
    }

    private static long figure(Pattern pattern, String report) {
        Matcher matcher = pattern.matcher(report);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static double micros(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> number;
            case "ms" -> number * 1e3;
            default -> number * 1e6;
        };
    }
}
