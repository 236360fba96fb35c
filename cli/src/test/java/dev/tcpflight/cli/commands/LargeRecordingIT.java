package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.ChildJvm;
import dev.tcpflight.cli.testing.LargeRecording;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of a million transitions, summarised by the real jar in a JVM with a 256 MB heap: the summary
 * streams, so its memory does not grow with the recording. No timing is asserted.
 */
class LargeRecordingIT {

    @TempDir
    Path dir;

    @Test
    void summarisesAndShowsTheTimelineOfAMillionTransitionsIn256Megabytes() throws Exception {
        Path recording = dir.resolve("large.jfr");
        String classPath = location(LargeRecording.class) + File.pathSeparator + location(StateChangeEvent.class);
        List<String> generator = new ArrayList<>();
        assertEquals(0, ChildJvm.run(List.of(LargeRecording.JFR_OPTIONS, "-cp", classPath,
                LargeRecording.class.getName(), recording.toString()), generator::add, generator::add),
                "JFR kept every event: " + generator);
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();

        int exitCode = ChildJvm.run(List.of("-Xmx256m", "-jar", Path.of("target", "tcpflight.jar").toString(),
                "summary", recording.toString()), out::add, err::add);

        String summary = String.join("\n", out);
        assertEquals(0, exitCode, String.join("\n", err));
        assertTrue(summary.startsWith("250000 connections, 1000000 transitions in large.jfr ("), summary);
        assertTrue(out.stream().anyMatch(line -> line.matches("  CLOSE_WAIT +250000 .*")), summary);
        assertTrue(summary.contains("\n  reset (250) at "), "anomalies grouped, not listed one by one: " + summary);

        // Every connection's lane and transitions, in the same heap: printed in a second pass as they come.
        long[] headers = {0};
        long[] lines = {0};
        List<String> timelineErr = new ArrayList<>();
        exitCode = ChildJvm.run(List.of("-Xmx256m", "-jar", Path.of("target", "tcpflight.jar").toString(),
                "timeline", recording.toString()), line -> {
                    lines[0]++;
                    headers[0] += line.startsWith("#") ? 1 : 0;
                }, timelineErr::add);
        assertEquals(0, exitCode, String.join("\n", timelineErr));
        assertEquals(LargeRecording.CONNECTIONS, headers[0], "one header per connection");
        assertEquals(2 + LargeRecording.CONNECTIONS * 8L, lines[0], "legend, then per connection: blank line,"
                + " header, lane, 4 transitions, ending");
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
