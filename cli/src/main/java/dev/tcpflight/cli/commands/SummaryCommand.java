package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.SummaryAggregator;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.SummaryRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "summary",
        description = {"Summarise states, durations, endpoints and anomalies.",
                "Counts connections by role and how they ended, the time spent in each state (min, median,"
                        + " p99, max) and the top remote endpoints, and lists anomalies with evidence and the"
                        + " application frame: CLOSE_WAIT held too long, sockets never closed or leaked, resets,"
                        + " refused and timed-out connects, TIME_WAIT pile-ups. Reads in one pass, in bounded"
                        + " memory, however large the recording."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight summary app.jfr",
                "  tcpflight summary --close-wait-threshold 200ms --port 5432 app.jfr",
                "  tcpflight summary --since 30s --until 2m --pileup 50 app.jfr"})
public final class SummaryCommand extends RecordingCommand {

    @Mixin
    private AnomalyOptions anomalies;

    @Override
    public Integer call() throws TcpflightException {
        SummaryAggregator summary = new SummaryAggregator(anomalies.thresholds());
        RecordingReader reader = recordings.open();
        recordings.scan(reader, summary);
        new SummaryRenderer(Glyphs.forStandardOutput(), colors())
                .render(summary.summary(reader.recordings()), reader.besides(), out());
        return 0;
    }
}
