package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.Scrub;
import dev.tcpflight.cli.testing.Timelines;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void writesTheGoldenPage() {
        Golden.assertMatches("model-report.html", Scrub.inlined(write(Timelines.handshakeAndClose(), 4)));
    }

    @Test
    void isSelfContained() throws Exception {
        String page = write(Timelines.handshakeAndClose(), 4);

        assertFalse(page.matches("(?s).*(src|href)=.*"), "nothing fetched: no src or href attribute");
        assertFalse(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("http"),
                "no URL but the SVG namespace");
        assertTrue(page.contains("<style>\n" + resource("report.css") + "</style>"), page);
        assertTrue(page.contains("<script>\n" + resource("report.js") + "</script>"), page);
    }

    @Test
    void escapesRecordedText() {
        ConnectionTimeline hostile = Timelines.connection(1, "client", "127.0.0.1:1", "127.0.0.1:2")
                .at(0, "CLOSED", "SYN_SENT", "connect", "</title><script>alert(1)</script>")
                .detail("\"quoted\" & <b>bold</b>").open(1);

        String page = write(List.of(hostile), 1);

        assertFalse(page.contains("<script>alert(1)"), page);
        assertTrue(page.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertTrue(page.contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"), page);
    }

    @Test
    void saysWhenTheChartShowsFewerConnectionsThanTheSummary() {
        String page = write(Timelines.handshakeAndClose().subList(0, 2), 4);

        assertTrue(page.contains("The first 2 of 4 connections by start"), page);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String write(List<ConnectionTimeline> rows, long shown) {
        StringWriter out = new StringWriter();
        HtmlReport.write(SummaryRendererTest.summary(), rows, shown, List.of(), path -> "", new PrintWriter(out));
        return out.toString();
    }
}
