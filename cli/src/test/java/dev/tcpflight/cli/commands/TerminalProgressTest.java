package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private long now;
    private final StringWriter err = new StringWriter();
    private final TerminalProgress progress = new TerminalProgress(new PrintWriter(err), () -> now);

    @Test
    void quietDuringTheFirstSecond() {
        now = 999_000_000L;
        progress.update(Path.of("/tmp/app.jfr"), 4096);
        progress.done();

        assertEquals("", err.toString());
    }

    @Test
    void thenRewritesOneLineAtMostFourTimesASecondAndClearsItAtTheEnd() {
        now = 1_000_000_000L;
        progress.update(Path.of("/tmp/app.jfr"), 4096);
        now += 100_000_000L;
        progress.update(Path.of("/tmp/app.jfr"), 8192); // too soon
        now += 200_000_000L;
        progress.update(Path.of("/tmp/app.jfr"), 1_228_800);
        progress.done();

        String line = "tcpflight: reading app.jfr: 1,228,800 events";
        assertEquals("\rtcpflight: reading app.jfr: 4,096 events\r" + line + "\r" + " ".repeat(line.length()) + "\r",
                err.toString());
    }
}
