package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.JsonCheck;
import dev.tcpflight.cli.testing.Scrub;
import dev.tcpflight.cli.testing.Timelines;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void writesTheGoldenPage() {
        Golden.assertMatches("model-report.html", Scrub.inlined(write(Timelines.handshakeAndClose())));
    }

    @Test
    void isSelfContained() throws Exception {
        String page = write(Timelines.handshakeAndClose());

        assertFalse(page.matches("(?s).*(src|href)=.*"), "nothing fetched: no src or href attribute");
        assertFalse(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("'http://www.w3.org/2000/svg'", "").contains("http"), "no URL but the SVG namespace");
        assertTrue(page.contains("<style>\n" + resource("report.css") + "</style>"), page);
        assertTrue(page.contains(resource("report-controls.html")), page);
        assertTrue(page.contains("<script>\n" + resource("report.js") + "</script>"), page);
    }

    /** Recorded text reaches the page only as JSON data, which no recorded text can end early. */
    @Test
    void keepsRecordedTextInsideTheData() {
        String hostile = "</title></script><script>alert(1)</script>";
        ConnectionTimeline connection = Timelines.connection(1, "client", "127.0.0.1:1", "127.0.0.1:2")
                .at(0, "CLOSED", "SYN_SENT", "connect", hostile)
                .detail("\"quoted\" & <b>bold</b>").open(1);

        String page = write(List.of(connection));

        assertFalse(page.contains("</script><script>alert(1)"), page);
        String data = page.substring(page.indexOf("<script type=\"application/json\" id=\"report-data\">"));
        data = data.substring(data.indexOf('>') + 1, data.indexOf("</script>"));
        List<?> transition = (List<?>) ((List<?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) JsonCheck.parse(data))
                .get("rows")).get(0)).get("transitions")).get(0);
        assertEquals(hostile, transition.get(6), data);
        assertEquals("\"quoted\" & <b>bold</b>", transition.get(8), data);
    }

    @Test
    void saysWhenTheChartDrawsFewerConnectionsThanTheSummary() {
        String page = write(Timelines.handshakeAndClose().subList(0, 2));

        assertTrue(page.contains("The overview counts all 5 connections; 2 are drawn in detail"), page);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String write(List<ConnectionTimeline> rows) {
        ReportData data = new ReportData(Timelines.T0, Timelines.at(20), Duration.ofSeconds(1));
        rows.forEach(data);
        StringWriter out = new StringWriter();
        HtmlReport.write(SummaryRendererTest.summary(), data, List.of(), path -> "", new PrintWriter(out));
        return out.toString();
    }
}
