package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.DemoRecordings;
import dev.tcpflight.cli.testing.JsonCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report explored in a real headless Chromium, driven by puppeteer-core (npm, installed into target/ on first
 * use from the locked versions in src/test/js) as a user would: a drag across the overview zooms into that range, a
 * state filter keeps only the connections that were in it, a click on a connection shows its transitions with their
 * stack traces, "all" zooms back out; no script error and nothing fetched. The page and a screenshot stay in
 * target/report-it/. Without chromium or npm the test is skipped, except in CI (CI=true), where it fails.
 */
class ReportInteractionIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPTS = Path.of("src", "test", "js").toAbsolutePath();
    private static final Path INSTALLED = Path.of("target", "report-js").toAbsolutePath();
    private static final Path ARTIFACTS = Path.of("target", "report-it").toAbsolutePath();

    @TempDir
    Path profile;

    @BeforeAll
    static void requireBrowserAndNode() throws Exception {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is not installed (apt-get install chromium)"
                : !onPath("npm") || !onPath("node") ? "node and npm are not installed (apt-get install nodejs npm)"
                : null;
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + ": CI must run the browser test");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        Files.createDirectories(INSTALLED);
        for (String file : List.of("package.json", "package-lock.json", "report-interaction.mjs")) {
            Files.copy(SCRIPTS.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(INSTALLED.resolve("node_modules").resolve("puppeteer-core"))) {
            run(INSTALLED, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
    }

    @Test
    void zoomFilterAndClickForTheStackTraces() throws Exception {
        Files.createDirectories(ARTIFACTS);
        Path report = ARTIFACTS.resolve("explore-report.html");
        CliRun written = CliRun.of("report", DemoRecordings.of("close-wait-leak").toString(),
                DemoRecordings.of("handshake-and-close").toString(), "-o", report.toString());
        assertEquals(0, written.exitCode(), written.toString());
        Matcher connections = Pattern.compile("\\((\\d+) connections").matcher(written.out());
        assertTrue(connections.find(), written.toString());
        Path screenshot = ARTIFACTS.resolve("report-interaction.png");
        Files.deleteIfExists(screenshot);

        String output = run(INSTALLED, 120, "node", "report-interaction.mjs", report.toString(),
                screenshot.toString(), profile.toString());
        Map<?, ?> page = (Map<?, ?>) JsonCheck.parse(output.strip());

        assertEquals(List.of(), page.get("errors"), output);
        assertEquals(List.of(), page.get("requests"), "nothing fetched: " + output);
        double total = number(page, "total");
        Map<?, ?> initial = (Map<?, ?>) page.get("initial");
        assertEquals(Integer.parseInt(connections.group(1)), (int) number(initial, "rows"), output);
        assertEquals(0, number(initial, "from"));

        Map<?, ?> zoomed = (Map<?, ?>) page.get("zoomed");
        assertEquals(0.6 * total, number(zoomed, "from"), total / 100, "the drag's start: " + output);
        assertEquals(0.9 * total, number(zoomed, "to"), total / 100, "the drag's end: " + output);
        assertTrue(number(zoomed, "matching") > 0 && number(zoomed, "matching") < number(initial, "matching"),
                "fewer connections in the range than in the whole recording: " + output);

        Map<?, ?> filtered = (Map<?, ?>) page.get("filtered");
        List<?> states = (List<?>) filtered.get("states");
        assertTrue(!states.isEmpty() && states.stream().allMatch(s -> s.toString().contains("CLOSE_WAIT")),
                "only connections that were in CLOSE_WAIT: " + output);
        assertEquals(number(filtered, "matching"), states.size(), output);

        Map<?, ?> details = (Map<?, ?>) page.get("details");
        assertTrue(((List<?>) details.get("transitions")).stream().anyMatch(t -> t.toString().endsWith("→ CLOSE_WAIT")),
                "a connection of the filter's: " + output);
        List<?> frames = (List<?>) details.get("frames");
        assertTrue(frames.stream().anyMatch(f -> f.toString().startsWith("dev.tcpflight.demo.")),
                "the application's frames: " + output);
        assertTrue(frames.stream().noneMatch(f -> f.toString().startsWith("dev.tcpflight.agent.")),
                "not the agent's own: " + output);
        assertEquals(1, (int) number(details, "openStacks"), output);

        Map<?, ?> reset = (Map<?, ?>) page.get("reset");
        assertEquals(0, number(reset, "from"), output);
        assertEquals(total, number(reset, "to"), 1, output);
        assertEquals(number(initial, "matching"), number(reset, "matching"), output);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(screenshot), 4));
    }

    private static double number(Map<?, ?> object, String key) {
        return ((Number) object.get(key)).doubleValue();
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Runs a command in {@code dir}; its stdout, or a failure with its stderr. */
    private static String run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("report-it", ".out");
        Path err = Files.createTempFile("report-it", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + seconds + " s: " + Files.readString(err));
            }
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + Files.readString(err));
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
