package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void writesMillisecondsAsPercentThreeFDoes() {
        long[] nanos = {0, 1, 499, 500, 999, 1_000, 1_500, 12_345_678, 999_999_499, 999_999_500, 9_999_999_999L,
            -1, -400, -500, -1_234_567};
        for (long n : nanos) {
            assertEquals(String.format(Locale.ROOT, "%.3f ms", n / 1e6), Durations.millis(Duration.ofNanos(n)),
                    n + " ns");
        }
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long n = random.nextLong() % 1_000_000_000_000L;
            assertEquals(String.format(Locale.ROOT, "%.3f ms", n / 1e6), Durations.millis(Duration.ofNanos(n)),
                    n + " ns");
        }
    }

    @Test
    void writesSecondsFromTenSecondsOn() {
        assertEquals("9999.999 ms", Durations.human(Duration.ofNanos(9_999_999_000L)));
        assertEquals("10.000 s", Durations.human(Duration.ofSeconds(10)));
        assertEquals("61.235 s", Durations.human(Duration.ofNanos(61_234_500_000L)));
        assertEquals("3600.001 s", Durations.human(Duration.ofSeconds(3600, 999_999)));
    }
}
