package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.Anomaly;
import dev.tcpflight.cli.analysis.AnomalyGroup;
import dev.tcpflight.cli.analysis.MapEdge;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code tcpflight report}: one self-contained HTML page (styles, script and data inline, nothing fetched) with the
 * explorable timeline ({@link ReportData}, drawn by {@code report.js}: an overview of every connection, zoom and
 * pan, filters, a click for a connection's transitions and stack traces), the fleet map of several JVMs'
 * recordings, the anomalies and the summary tables. Its script marks the page for automated checks (see
 * {@code report.js}); {@code data-script-errors} on the root element counts script errors.
 */
public final class HtmlReport {

    // First in the page, so that it counts errors in every later script, including the main one.
    private static final String ERROR_COUNTER = "<script>window.addEventListener('error', function (e) {"
            + " var root = document.documentElement;"
            + " root.setAttribute('data-script-errors', String(Number(root.getAttribute('data-script-errors')) + 1));"
            + " root.setAttribute('data-last-script-error', String(e.message)); });</script>";

    private HtmlReport() {
    }

    /**
     * @param data  the overview of every connection and the sample drawn in detail
     * @param map   the fleet map's edges (several JVMs' recordings), or none for no map section
     * @param names what to call each recorded JVM in the map
     */
    public static void write(Summary summary, ReportData data, List<MapEdge> map, Function<Path, String> names,
                             PrintWriter out) {
        String files = String.join(", ", summary.recordings().stream()
                .map(r -> r.file().getFileName().toString()).toList());
        out.println("<!DOCTYPE html>\n<html lang=\"en\" data-script-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">");
        out.println("<title>tcpflight: " + Html.escape(files) + "</title>");
        out.println(ERROR_COUNTER);
        out.println("<style>\n" + resource("report.css") + "</style>\n</head>\n<body>");
        out.println("<h1>TCP connections</h1>");
        out.println("<p class=\"meta\">" + Html.escape(SummaryTables.overview(summary)) + "</p>");
        out.println("<h2>Timeline</h2>");
        out.println(legend(data));
        out.println(resource("report-controls.html"));
        if (data.drawnCount() < summary.connections()) {
            out.println("<p class=\"note\">The overview counts all " + summary.connections() + " connections; "
                    + data.drawnCount() + " are drawn in detail: a sample spread over the recording's time, and"
                    + " those with an anomaly (up to " + ReportData.MAX_TROUBLED + ").</p>");
        }
        out.print("<script type=\"application/json\" id=\"report-data\">");
        data.write(out);
        out.println("</script>");
        if (!map.isEmpty()) {
            out.println("<h2>JVMs and their connections</h2>");
            out.println("<p class=\"note\">Who called whom across the recordings (as tcpflight map): an arrow per"
                    + " client JVM and server port, red where connections failed or leaked; hover for the anomalies."
                    + "</p>");
            out.println("<div class=\"chart\">\n" + SvgMap.of(map, names) + "</div>");
        }
        anomalies(summary, out);
        SummaryTables.tables(summary).forEach(table -> table(table, out));
        out.println("<div id=\"tooltip\" hidden></div>");
        out.println("<script>\n" + resource("report.js") + "</script>\n</body>\n</html>");
        out.flush();
    }

    private static String legend(ReportData data) {
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        data.states().forEach(state -> legend.append("<span><i style=\"background:").append(StateLook.of(state).html())
                .append("\"></i>").append(Html.escape(state)).append("</span>"));
        return legend.append("</p>").toString();
    }

    private static void anomalies(Summary summary, PrintWriter out) {
        out.println("<h2>" + Html.escape(SummaryTables.anomaliesTitle(summary)) + "</h2>");
        for (AnomalyGroup group : summary.anomalies()) {
            String location = group.location().isEmpty() ? "an unknown location"
                    : "<code>" + Html.escape(group.location()) + "</code>";
            out.println("<div class=\"anomaly\"><span class=\"kind\">" + Html.escape(group.kind().title())
                    + " (" + group.count() + ")</span> at " + location + ": " + Html.escape(group.kind().meaning())
                    + "<ul>");
            for (Anomaly example : group.examples()) {
                out.println("<li>" + Html.escape(Labels.connection(example.connection(), example.socket(),
                        Glyphs.UNICODE) + " " + Labels.recording(example.connection()) + ": " + example.evidence())
                        + "</li>");
            }
            if (group.count() > group.examples().size()) {
                out.println("<li>" + Html.escape(SummaryTables.more(group)) + "</li>");
            }
            out.println("</ul></div>");
        }
    }

    private static void table(SummaryTables.Table table, PrintWriter out) {
        out.println("<h2>" + Html.escape(table.title()) + "</h2>\n<table>\n<tr>");
        table.columns().forEach(column -> out.print("<th>" + Html.escape(column) + "</th>"));
        out.println("</tr>");
        for (List<String> row : table.rows()) {
            out.print("<tr>");
            for (int c = 0; c < row.size(); c++) {
                boolean number = table.aligns().get(c) == Align.RIGHT;
                out.print((number ? "<td class=\"number\">" : "<td>") + Html.escape(row.get(c)) + "</td>");
            }
            out.println("</tr>");
        }
        out.println("</table>");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the tcpflight jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the tcpflight jar", e);
        }
    }
}
