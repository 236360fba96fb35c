package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.FakeFleet;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.JsonCheck;
import dev.tcpflight.cli.testing.Recordings;
import dev.tcpflight.cli.testing.Scrub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and format on recordings made in this JVM with the fake events, compared with golden files once
 * the times (which change from run to run) are scrubbed. FakeApp's line numbers are in them, as stack frames.
 */
class CommandGoldenTest {

    @TempDir
    static Path dir;

    private static Path app;
    private static Path troubles;
    private static Path client;
    private static Path server;

    @BeforeAll
    static void record() throws Exception {
        app = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);
        troubles = Recordings.record(dir.resolve("troubles.jfr"), FakeApp::troubles);
        client = dir.resolve("client.jfr");
        server = dir.resolve("server.jfr");
        FakeApp.twoJvms(client, server);
    }

    @Test
    void timeline() {
        Golden.assertMatches("timeline.txt", Scrub.times(Scrub.lanes(out("timeline", app.toString()))));
    }

    @Test
    void ladderOfBothEndsInOneRecording() {
        Golden.assertMatches("ladder.txt", Scrub.times(out("ladder", app.toString())));
    }

    @Test
    void ladderOfEndsRecordedByTwoJvms() {
        Golden.assertMatches("ladder-two-recordings.txt",
                Scrub.times(out("ladder", client.toString(), server.toString())));
    }

    @Test
    void mapOfTwoJvms() {
        Golden.assertMatches("map-two-jvms.txt", out("map", client.toString(), server.toString()));
    }

    @Test
    void mapOfThreeJvmsWithLabels() throws Exception {
        List<Path> fleet = FakeFleet.record(dir);

        Golden.assertMatches("map-three-jvms.txt", out(Stream.concat(Stream.of("map", "--label",
                fleet.get(1) + "=proxy"), fleet.stream().map(Path::toString)).toArray(String[]::new)));
    }

    @Test
    void summary() {
        Golden.assertMatches("summary.txt", Scrub.times(out("summary", "--pileup", "3", app.toString(),
                troubles.toString())));
    }

    @Test
    void report() throws Exception {
        Path html = dir.resolve("report.html");

        assertEquals("tcpflight: wrote " + html + " (12 connections, 7 anomalies)\n",
                out("report", "--pileup", "3", app.toString(), troubles.toString(), "-o", html.toString()));
        String page = Files.readString(html).replaceAll("(?m)^<line class=\"grid\".*\\n", ""); // depend on times
        Golden.assertMatches("report.html", Scrub.reportData(Scrub.numbers(Scrub.times(Scrub.inlined(page)), "x",
                "width")));
    }

    /** With several JVMs' recordings the report draws their map: the edges of map-three-jvms.txt, as a graph. */
    @Test
    void reportOfThreeJvmsDrawsTheirMap() throws Exception {
        List<Path> fleet = FakeFleet.record(dir);
        Path html = dir.resolve("fleet.html");

        out(Stream.concat(Stream.of("report", "-o", html.toString()), fleet.stream().map(Path::toString))
                .toArray(String[]::new));

        String page = Files.readString(html);
        assertTrue(page.contains("<h2>JVMs and their connections</h2>"), page);
        assertTrue(page.contains("data-map-nodes=\"5\" data-map-edges=\"4\""), page);
        for (String node : List.of("web.jfr", "proxy.jfr", "backend.jfr", "external 10.0.0.9", "external 10.0.0.7")) {
            assertTrue(page.contains("text-anchor=\"middle\">" + node + "</text>"), node + " in " + page);
        }
        for (String edge : List.of(":8080  3 connections, 2 failed", ":80  1 connection, 1 failed",
                ":5432  2 connections, 2 leaking", ":5432  1 connection")) {
            assertTrue(page.contains(">" + edge + "</text>"), edge + " in " + page);
        }
        assertEquals(3, page.split("<g class=\"edge bad\"", -1).length - 1, "the three edges with trouble");
        assertTrue(page.contains("<title>proxy.jfr → backend.jfr:5432: CLOSE_WAIT held 1, leaked socket 1, never"
                + " closed 1</title>"), page);
    }

    @Test
    void exportJsonLines() {
        String jsonl = out("export", app.toString());

        jsonl.lines().forEach(JsonCheck::parse);
        Golden.assertMatches("export.jsonl", Scrub.directory(Scrub.times(jsonl), dir));
    }

    @Test
    void exportChromeTrace() {
        String trace = out("export", "--format", "chrome-trace", app.toString());

        JsonCheck.parse(trace);
        Golden.assertMatches("export-chrome-trace.json", Scrub.directory(Scrub.numbers(trace, "ts", "dur"), dir));
    }

    private static String out(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err(), run.toString());
        return run.out();
    }
}
