package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.FleetMap;
import dev.tcpflight.cli.analysis.MapEdge;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.analysis.SummaryAggregator;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.HtmlReport;
import dev.tcpflight.cli.render.ReportData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report",
        description = {"Write a self-contained HTML report with an explorable timeline.",
                "One file, styles, script and data inline, nothing fetched from the network: an overview of every"
                        + " connection over time (how many in each state), drag across it or use the buttons to zoom"
                        + " and pan; filters by state, port, host, role and anomaly; a row per connection in state"
                        + " colours (a sample spread over time beyond " + ReportData.MAX_ROWS + " connections, plus"
                        + " those with an anomaly), and a click on one for its transitions with their stack traces;"
                        + " with several JVMs' recordings, a map of which JVM calls which (as tcpflight map); then"
                        + " the anomalies and the summary tables of every connection."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight report app.jfr -o report.html",
                "  tcpflight report client.jfr server.jfr --port 8080 -o report.html"})
public final class ReportCommand extends RecordingCommand {

    @Mixin
    private AnomalyOptions anomalies;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", required = true,
            description = "Where to write the page (replaced only once complete).")
    private Path output;

    @Override
    public Integer call() throws TcpflightException {
        recordings.checkOutput(output);
        SummaryAggregator aggregator = new SummaryAggregator(anomalies.thresholds());
        RecordingReader reader = recordings.open();
        ReportData chart = new ReportData(reader.start(), reader.end(), anomalies.thresholds().closeWait());
        recordings.scan(reader, connection -> {
            aggregator.accept(connection);
            chart.accept(connection);
        });
        Summary summary = aggregator.summary(reader.recordings());
        List<MapEdge> map = map();
        JvmNames names = new JvmNames(recordings.files(), Map.of());
        OutputFile.write(output, out -> HtmlReport.write(summary, chart, map, names, out));
        out().println("tcpflight: wrote " + output + " (" + summary.connections()
                + " connections, " + summary.anomalyCount() + " anomalies)");
        return 0;
    }

    /** Across several JVMs' recordings, which JVM talks to which (as map, read again: the pairs need them all). */
    private List<MapEdge> map() throws TcpflightException {
        if (recordings.files().size() < 2) {
            return List.of();
        }
        RecordingReader reader = recordings.open();
        return FleetMap.of(recordings.pairs(reader, recordings.readUnfiltered(reader)),
                anomalies.thresholds().closeWait());
    }
}
