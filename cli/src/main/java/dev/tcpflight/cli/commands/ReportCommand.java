package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.FleetMap;
import dev.tcpflight.cli.analysis.MapEdge;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.analysis.SummaryAggregator;
import dev.tcpflight.cli.recording.EarliestConnections;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report",
        description = {"Write a self-contained HTML report with a Gantt chart.",
                "One file, styles and script inline, nothing fetched from the network: a chart with one row"
                        + " per connection in state colours and details on hover (at most "
                        + ReportCommand.MAX_CHART_ROWS + " rows, the first to start); with several JVMs' recordings,"
                        + " a map of which JVM calls which (as tcpflight map); then the anomalies and the summary"
                        + " tables of every connection."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight report app.jfr -o report.html",
                "  tcpflight report client.jfr server.jfr --port 8080 -o report.html"})
public final class ReportCommand extends RecordingCommand {

    /** More rows than this make a page too slow to open; the summary still covers every connection. */
    static final int MAX_CHART_ROWS = 2000;

    @Mixin
    private AnomalyOptions anomalies;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", required = true,
            description = "Where to write the page (replaced only once complete).")
    private Path output;

    @Override
    public Integer call() throws TcpflightException {
        recordings.checkOutput(output);
        SummaryAggregator aggregator = new SummaryAggregator(anomalies.thresholds());
        EarliestConnections chart = new EarliestConnections(MAX_CHART_ROWS);
        RecordingReader reader = recordings.open();
        recordings.scan(reader, connection -> {
            aggregator.accept(connection);
            chart.accept(connection);
        });
        Summary summary = aggregator.summary(reader.recordings());
        List<MapEdge> map = map();
        JvmNames names = new JvmNames(recordings.files(), Map.of());
        OutputFile.write(output, out -> HtmlReport.write(summary, chart.inOrderOfStart(), chart.offered(), map,
                names, out));
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
