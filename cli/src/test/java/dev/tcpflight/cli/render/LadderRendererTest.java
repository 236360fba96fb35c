package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.analysis.ConnectionPair;
import dev.tcpflight.cli.analysis.Pairing;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.Timelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderRendererTest {

    @Test
    void drawsTheHandshakeAndTheTeardownOfAPairAndTheRefusedConnectAlone() {
        Golden.assertMatches("model-ladder.txt", render(Pairing.pair(Timelines.handshakeAndClose()), Glyphs.UNICODE));
    }

    @Test
    void endsFromTwoRecordingsNameTheirRecordings() {
        List<ConnectionTimeline> model = Timelines.handshakeAndClose();
        ConnectionTimeline serverInItsOwnRecording = Timelines.connection(7, "server", "127.0.0.1:5000",
                        "127.0.0.1:50123").recording("server.jfr")
                .inferred().at(2, "LISTEN", "SYN_RECEIVED", "accept", "Server.accept:40")
                .at(2, "SYN_RECEIVED", "ESTABLISHED", "accept", "Server.accept:40")
                .ended(3, 0, 0, "ESTABLISHED", "local-close");

        String text = render(Pairing.pair(List.of(model.get(1), serverInItsOwnRecording)), Glyphs.UNICODE);

        assertEquals("#2 client 127.0.0.1:50123 [app.jfr]  ⇄  #7 server 127.0.0.1:5000 [server.jfr]",
                text.lines().findFirst().orElseThrow());
    }

    @Test
    void asciiArrows() {
        String text = render(Pairing.pair(Timelines.handshakeAndClose()), Glyphs.ASCII);

        assertEquals("+0.000 ms     SYN_SENT  --------- SYN --------->                  connect"
                + "          Client.connect:20",
                text.lines().toList().get(3));
    }

    private static String render(List<ConnectionPair> pairs, Glyphs glyphs) {
        StringWriter out = new StringWriter();
        new LadderRenderer(glyphs, Colors.OFF).render(pairs, new PrintWriter(out));
        return out.toString();
    }
}
