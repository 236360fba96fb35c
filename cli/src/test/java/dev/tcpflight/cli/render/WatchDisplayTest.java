package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.jvm.LiveTransition;
import dev.tcpflight.cli.jvm.SocketCounts;
import dev.tcpflight.cli.recording.Endpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code tcpflight watch} prints: a line per transition, or the live view. */
class WatchDisplayTest {

    private static final Instant TIME = Instant.parse("2025-01-31T10:15:30.123Z");

    @Test
    void aPlainLineSaysWhenWhichConnectionWentFromWhereToWhere() {
        assertEquals("10:15:30.123  #7  client  127.0.0.1:50123 → [::1]:5000  CLOSED → SYN_SENT  connect  api",
                WatchDisplay.line(client(), Glyphs.UNICODE, ZoneOffset.UTC));
        assertEquals("10:15:30.123  #7  client  127.0.0.1:50123 -> [::1]:5000  CLOSED -> SYN_SENT  connect  api",
                WatchDisplay.line(client(), Glyphs.ASCII, ZoneOffset.UTC));
    }

    @Test
    void theLiveViewShowsCountsRateAndLatestTransitions() {
        StringWriter text = new StringWriter();
        WatchDisplay.Live live = new WatchDisplay.Live(new PrintWriter(text), Glyphs.UNICODE, Colors.OFF,
                "tcpflight watch: JVM 42 (app.Main, Java 17)", 200, Clock.fixed(TIME, ZoneOffset.UTC));
        live.counts(new SocketCounts(TIME, 5, 1, 0, 3, 0, 1, 0, 0, 0));
        live.flushed(List.of(client()));

        assertEquals(List.of(
                "tcpflight watch: JVM 42 (app.Main, Java 17)  10:15:30  (Ctrl-C to stop)",
                "",
                "  open sockets  LISTEN  SYN_SENT  ESTABLISHED  FIN_WAIT_1  CLOSE_WAIT  LAST_ACK  other",
                "             5       1         0            3           0           1         0      0",
                "",
                "  1 transitions since the start, 1 in the last second",
                "",
                "  10:15:30.123  #7  client  127.0.0.1:50123 → [::1]:5000  CLOSED → SYN_SENT  connect  api"),
                live.frame());
        // Drawn twice (at creation, after the flush): the second time over the first.
        assertTrue(text.toString().startsWith("\u001b[?25l"), text.toString());
        assertTrue(text.toString().contains("\u001b[8F\u001b[J"), text.toString());
        live.end();
        assertTrue(text.toString().endsWith("\u001b[?25h"), text.toString());
    }

    private static LiveTransition client() {
        return new LiveTransition(TIME, 7, 1, "client", new Endpoint("127.0.0.1", 50123), new Endpoint("::1", 5000),
                "CLOSED", "SYN_SENT", "connect", "api", "main");
    }
}
