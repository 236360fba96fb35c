package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineRendererTest {

    // Line numbers are FakeApp's; times are replaced by T, so the golden text does not depend on the clock.
    private static final String GOLDEN = """
            #1 listener 127.0.0.1:5000 → *:*  java.net.ServerSocket  main
              T  CLOSED → LISTEN             listen           api       FakeApp.handshakeAndClose:20
              T  LISTEN → CLOSED             close            api       FakeApp.handshakeAndClose:31
              ended CLOSED (local-close) after T, read 0 B, wrote 0 B

            #2 client 127.0.0.1:50123 → 127.0.0.1:5000  java.net.Socket  main
              T  CLOSED → SYN_SENT           connect          api       FakeApp.handshakeAndClose:22
              T  SYN_SENT → ESTABLISHED      connect          api       FakeApp.handshakeAndClose:23
              T  ESTABLISHED → FIN_WAIT_1    close            api       FakeApp.handshakeAndClose:26
              ended FIN_WAIT_1 (local-close) after T, read 5 B, wrote 5 B

            #3 server 127.0.0.1:5000 → 127.0.0.1:50123  java.net.Socket  main
              T  LISTEN → SYN_RECEIVED       accept           inferred  FakeApp.accept:41
              T  SYN_RECEIVED → ESTABLISHED  accept           api       FakeApp.accept:42
              T  ESTABLISHED → CLOSE_WAIT    read-eof         api       FakeApp.handshakeAndClose:28
              T  CLOSE_WAIT → LAST_ACK       close            api       FakeApp.handshakeAndClose:29
              ended LAST_ACK (peer-close) after T, read 5 B, wrote 5 B

            #4 client 127.0.0.1:0 → 127.0.0.1:1  SocketChannel  main
              T  CLOSED → SYN_SENT           connect          api       FakeApp.handshakeAndClose:34
              T  SYN_SENT → CLOSED           connect-refused  api       FakeApp.handshakeAndClose:35  \
            java.net.ConnectException: Connection refused
              ended CLOSED (refused) after T, read 0 B, wrote 0 B
            """;

    @TempDir
    Path dir;

    @Test
    void rendersTheGoldenTable() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        String text = render(RecordingReader.read(List.of(file)), Glyphs.UNICODE);

        assertEquals(GOLDEN, normaliseTimes(text));
    }

    @Test
    void timesAreMillisecondsSinceTheConnectionsFirstTransition() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        List<String> lines = render(RecordingReader.read(List.of(file)), Glyphs.UNICODE).lines().toList();

        assertTrue(lines.get(1).matches(" +\\+0\\.000 ms  CLOSED → LISTEN .*"), lines.get(1));
        assertTrue(lines.get(2).matches(" +\\+\\d+\\.\\d{3} ms  LISTEN → CLOSED .*"), lines.get(2));
    }

    @Test
    void asciiGlyphsForConsolesWithoutUnicode() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        String text = render(RecordingReader.read(List.of(file)), Glyphs.ASCII);

        assertEquals(GOLDEN.replace("→", "->"), normaliseTimes(text));
    }

    @Test
    void namesTheRecordingWhenThereAreSeveral() throws Exception {
        Path first = Recordings.record(dir.resolve("client.jfr"), FakeApp::handshakeAndClose);
        Path second = Recordings.record(dir.resolve("server.jfr"), FakeApp::handshakeAndClose);

        String text = render(RecordingReader.read(List.of(first, second)), Glyphs.UNICODE);

        assertTrue(text.startsWith("#1 listener 127.0.0.1:5000 → *:*  java.net.ServerSocket  main  [client.jfr]\n"),
                text);
        assertTrue(text.contains("\n#1 listener 127.0.0.1:5000 → *:*  java.net.ServerSocket  main  [server.jfr]\n"),
                text);
    }

    private static String render(List<ConnectionTimeline> timelines, Glyphs glyphs) {
        StringWriter out = new StringWriter();
        new TimelineRenderer(glyphs).render(timelines, new PrintWriter(out));
        return out.toString();
    }

    /** The time column is right-aligned, so its width varies with the clock: replace it with its padding. */
    private static String normaliseTimes(String text) {
        return text.replaceAll("(?m)^ +\\+\\d+\\.\\d{3} ms", "  T").replaceAll("after \\d+\\.\\d{3} ms", "after T");
    }
}
