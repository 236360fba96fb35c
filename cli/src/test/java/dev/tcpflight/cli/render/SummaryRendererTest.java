package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.analysis.AnomalyThresholds;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.analysis.SummaryAggregator;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingSpan;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.Timelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class SummaryRendererTest {

    @Test
    void rendersTablesAndAnomalies() {
        Golden.assertMatches("model-summary.txt", render(summary(), Colors.OFF));
    }

    @Test
    void headingsAreBoldWhenColoured() {
        String text = render(summary(), new Colors(Ansi.ON));

        assertTrue(text.contains("\u001b[1mAnomalies (2)\u001b[21m\u001b[0m"), text);
    }

    /** The handshake model plus a server left in CLOSE_WAIT until the recording ended. */
    static Summary summary() {
        List<ConnectionTimeline> connections = new ArrayList<>(Timelines.handshakeAndClose());
        connections.add(Timelines.connection(5, "server", "127.0.0.1:5000", "127.0.0.1:50124")
                .inferred().at(3, "LISTEN", "SYN_RECEIVED", "accept", "Server.accept:40")
                .at(3, "SYN_RECEIVED", "ESTABLISHED", "accept", "Server.accept:40")
                .at(4, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.echo:50")
                .open(20));
        SummaryAggregator aggregator = new SummaryAggregator(
                new AnomalyThresholds(Duration.ofSeconds(1), 10, AnomalyThresholds.TIME_WAIT_ON_LINUX));
        connections.forEach(aggregator);
        return aggregator.summary(List.of(new RecordingSpan(Path.of("app.jfr"), Timelines.at(-5),
                List.of(Timelines.at(20)))));
    }

    private static String render(Summary summary, Colors colors) {
        StringWriter out = new StringWriter();
        new SummaryRenderer(Glyphs.UNICODE, colors).render(summary, new PrintWriter(out));
        return out.toString();
    }
}
