package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RecordCommandTest {

    @Test
    void theDefaultFileIsNamedAfterThePidAndTheTime() {
        assertEquals(Path.of("tcpflight-4242-20250131-101530.jfr"),
                RecordCommand.defaultOutput("4242", LocalDateTime.of(2025, 1, 31, 10, 15, 30, 999_000_000)));
    }

    @Test
    void secondsAreWholeOrWithOneDecimal() {
        assertEquals("30 s", RecordCommand.seconds(Duration.ofSeconds(30)));
        assertEquals("3.1 s", RecordCommand.seconds(Duration.ofMillis(3080)));
    }
}
