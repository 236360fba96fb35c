package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.Golden;
import dev.tcpflight.cli.testing.JsonCheck;
import dev.tcpflight.cli.testing.Timelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportersTest {

    @Test
    void jsonLinesHaveEveryFieldOfEveryTransitionAndEnd() {
        StringWriter out = new StringWriter();
        Timelines.handshakeAndClose().forEach(new JsonLinesExporter(new PrintWriter(out)));

        Golden.assertMatches("model-export.jsonl", out.toString());
        out.toString().lines().forEach(JsonCheck::parse);
    }

    @Test
    void chromeTraceHasATrackPerConnectionAndASpanPerState() {
        StringWriter out = new StringWriter();
        ChromeTraceExporter trace = new ChromeTraceExporter(new PrintWriter(out), Timelines.T0, Glyphs.UNICODE);
        Timelines.handshakeAndClose().forEach(trace);
        trace.finish();

        Golden.assertMatches("model-chrome-trace.json", out.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) JsonCheck.parse(
                out.toString())).get("traceEvents");
        assertEquals(9, events.stream().filter(e -> e.get("ph").equals("X")).count(), "one span per state entered"
                + " (LISTEN; SYN_SENT, ESTABLISHED, FIN_WAIT_1; SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, LAST_ACK;"
                + " SYN_SENT)");
    }

    @Test
    void emptyTraceIsValidJson() {
        StringWriter out = new StringWriter();
        new ChromeTraceExporter(new PrintWriter(out), Timelines.T0, Glyphs.UNICODE).finish();

        assertEquals(Map.of("displayTimeUnit", "ms", "traceEvents", List.of()), JsonCheck.parse(out.toString()));
    }

    @Test
    void jsonStringsEscapeWhatJsonRequires() {
        String text = new JsonObject().add("s", "quote \" backslash \\ newline \n tab \t bell \u0007 sep \u2028 é →")
                .add("n", -3).addMicros("us", 1_234_567).toString();

        assertEquals("{\"s\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 sep \\u2028 é →\","
                + "\"n\":-3,\"us\":1234.567}", text);
        assertEquals(Map.of("s", "quote \" backslash \\ newline \n tab \t bell \u0007 sep \u2028 é →", "n", -3.0,
                "us", 1234.567), JsonCheck.parse(text));
    }
}
