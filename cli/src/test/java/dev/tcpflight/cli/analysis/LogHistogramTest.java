package dev.tcpflight.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    @Test
    void smallSetsHaveExactQuantiles() {
        LogHistogram histogram = new LogHistogram();
        for (int millis : new int[] {5, 1, 4, 2, 3}) {
            histogram.add(Duration.ofMillis(millis));
        }

        assertEquals(new DurationStats(5, Duration.ofMillis(1), Duration.ofMillis(3), Duration.ofMillis(5),
                Duration.ofMillis(5)), histogram.stats());
    }

    @Test
    void largeSetsHaveQuantilesWithinHalfAPercentAndExactExtremes() {
        LogHistogram histogram = new LogHistogram();
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            histogram.add(Duration.ofNanos(1_000 + random.nextInt(1_000_000))); // uniform over 1 µs .. 1.001 ms
        }
        histogram.add(Duration.ofSeconds(3));

        DurationStats stats = histogram.stats();
        assertEquals(100_001, stats.count());
        assertEquals(Duration.ofSeconds(3), stats.max());
        assertEquals(501_000, stats.median().toNanos(), 501_000 * 0.005 + 5_000, "median of the uniform set");
        assertEquals(991_000, stats.p99().toNanos(), 991_000 * 0.005 + 5_000, "p99 of the uniform set");
    }

    @Test
    void zeroAndNegativeDurationsCountAsZero() {
        LogHistogram histogram = new LogHistogram();
        histogram.add(Duration.ZERO);
        histogram.add(Duration.ofNanos(-5));

        assertEquals(Duration.ZERO, histogram.stats().max());
    }
}
