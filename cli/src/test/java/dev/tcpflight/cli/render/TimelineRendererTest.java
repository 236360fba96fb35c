package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.Timelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class TimelineRendererTest {

    @Test
    void rendersLanesAndTransitionsAtExactTimes() {
        Golden.assertMatches("model-timeline.txt", render(Timelines.handshakeAndClose(), Glyphs.UNICODE, Colors.OFF));
    }

    @Test
    void asciiGlyphsForConsolesWithoutUnicode() {
        String unicode = render(Timelines.handshakeAndClose(), Glyphs.UNICODE, Colors.OFF);

        assertEquals(unicode.replace("→", "->"), render(Timelines.handshakeAndClose(), Glyphs.ASCII, Colors.OFF));
    }

    @Test
    void laneColumnsShowTheStateThatFilledThemOnOneAxisForAll() {
        List<String> lines = render(Timelines.handshakeAndClose(), Glyphs.UNICODE, Colors.OFF).lines().toList();

        // 10 ms in 60 columns of 1/6 ms: the client is in SYN_SENT from 1 to 1.5 ms, ESTABLISHED to 6 ms.
        assertEquals("  |      sss===========================1                       |", lines.get(10));
        assertEquals("lanes: 60 columns of 0.167 ms from the first transition shown", lines.get(0));
    }

    @Test
    void anOpenConnectionSaysSoAndItsLaneRunsToTheEndOfTheRecording() {
        ConnectionTimeline leak = Timelines.connection(9, "server", "127.0.0.1:5000", "127.0.0.1:50200")
                .at(0, "SYN_RECEIVED", "ESTABLISHED", "accept", "Server.accept:40")
                .at(3, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.read:44")
                .open(12);

        String text = render(List.of(leak), Glyphs.UNICODE, Colors.OFF);

        assertTrue(text.contains("  |" + "=".repeat(15) + "w".repeat(45) + "|\n"), text);
        assertTrue(text.endsWith("  still open in CLOSE_WAIT when the recording ended, 12.000 ms after its first"
                + " transition\n"), text);
    }

    @Test
    void coloursLanesAndHeadersOnlyWhenAsked() {
        String coloured = render(Timelines.handshakeAndClose(), Glyphs.UNICODE, new Colors(Ansi.ON));

        assertTrue(coloured.contains("\u001b[32m" + "=".repeat(27)), coloured);
        assertTrue(coloured.contains("\u001b[1m#2 client"), coloured);
        assertEquals(render(Timelines.handshakeAndClose(), Glyphs.UNICODE, Colors.OFF),
                coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void namesTheRecordingWhenThereAreSeveral() {
        ConnectionTimeline other = Timelines.connection(1, "client", "127.0.0.1:40000", "127.0.0.1:80")
                .recording("other.jfr").at(0, "CLOSED", "SYN_SENT", "connect", "").open(1);

        String text = render(List.of(Timelines.handshakeAndClose().get(0), other), Glyphs.UNICODE, Colors.OFF);

        assertTrue(text.contains("\n#1 listener 127.0.0.1:5000 → *:*  java.net.ServerSocket  main  [app.jfr]\n"), text);
        assertTrue(text.contains("\n#1 client 127.0.0.1:40000 → 127.0.0.1:80  java.net.Socket  main  [other.jfr]\n"),
                text);
    }

    static String render(List<ConnectionTimeline> timelines, Glyphs glyphs, Colors colors) {
        StringWriter out = new StringWriter();
        new TimelineRenderer(glyphs, colors).render(timelines, new PrintWriter(out));
        return out.toString();
    }
}
