package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.DemoRecordings;
import dev.tcpflight.cli.testing.FakeFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless Chromium (Debian's chromium package, which .ci/run installs): its script
 * runs without errors and lays out one row per connection. The page and a screenshot stay in
 * target/report-it/ to look at. Without chromium the test is skipped, except in CI (CI=true), where it fails.
 */
class ReportChromiumIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path ARTIFACTS = Path.of("target", "report-it").toAbsolutePath();

    @TempDir
    Path profile;

    @BeforeAll
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = CHROMIUM + " is not installed (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + ": CI must run the browser test");
            }
            Assumptions.abort(reason + "; skipped outside CI");
        }
    }

    @Test
    void rendersOneRowPerConnectionWithoutScriptErrors() throws Exception {
        Path report = ARTIFACTS.resolve("report.html");
        Files.createDirectories(ARTIFACTS);
        CliRun run = CliRun.of("report", DemoRecordings.of("handshake-and-close").toString(),
                DemoRecordings.of("close-wait-leak").toString(), "-o", report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Matcher written = Pattern.compile("\\((\\d+) connections").matcher(run.out());
        assertTrue(written.find(), run.toString());

        String dom = chromium("--dump-dom", report.toUri().toString());

        assertTrue(dom.contains("data-script-errors=\"0\""), "no script error in:\n" + dom);
        assertTrue(dom.contains("data-rendered-rows=\"" + written.group(1) + "\""),
                written.group(1) + " rows rendered in:\n" + dom);
    }

    /** The map of several JVMs' recordings renders in the browser: every node and edge laid out, no script error. */
    @Test
    void drawsTheMapOfSeveralJvms(@TempDir Path fleetDir) throws Exception {
        List<Path> fleet = FakeFleet.record(fleetDir);
        Path report = ARTIFACTS.resolve("fleet-report.html");
        Files.createDirectories(ARTIFACTS);
        List<String> arguments = new ArrayList<>(List.of("report", "-o", report.toString()));
        fleet.forEach(file -> arguments.add(file.toString()));
        assertEquals(0, CliRun.of(arguments.toArray(String[]::new)).exitCode());

        String dom = chromium("--dump-dom", report.toUri().toString());

        assertTrue(dom.contains("data-script-errors=\"0\""), "no script error in:\n" + dom);
        assertTrue(dom.contains("data-map-nodes=\"5\" data-map-edges=\"4\""), dom);
        Path screenshot = ARTIFACTS.resolve("fleet-report.png");
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, "--window-size=1400,1000", report.toUri().toString());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(screenshot), 4));
    }

    @Test
    void keepsAScreenshot() throws Exception {
        Path report = ARTIFACTS.resolve("screenshot-report.html");
        Files.createDirectories(ARTIFACTS);
        assertEquals(0, CliRun.of("report", DemoRecordings.of("time-wait-pileup").toString(), "-o",
                report.toString()).exitCode());
        Path screenshot = ARTIFACTS.resolve("report.png");
        Files.deleteIfExists(screenshot);

        chromium("--screenshot=" + screenshot, "--window-size=1400,1200", report.toUri().toString());

        byte[] png = Files.readAllBytes(screenshot);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    /** Runs headless Chromium with a fresh profile and nothing that reaches the network; returns its stdout. */
    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 2 minutes: " + Files.readString(stderr));
        }
        assertEquals(0, process.exitValue(), "chromium failed: " + Files.readString(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
