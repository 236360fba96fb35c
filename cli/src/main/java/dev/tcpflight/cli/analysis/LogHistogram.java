package dev.tcpflight.cli.analysis;

import java.time.Duration;
import java.util.Arrays;

/**
 * Durations counted in buckets 1% wide on a logarithmic scale, from 1 ns to years: any number of values in
 * fixed memory (40 KB), quantiles within 0.5% of the true value, min and max exact. The first
 * {@value #EXACT} values are also kept as they are, so that quantiles of small sets are exact.
 */
final class LogHistogram {

    static final int EXACT = 1024;

    private static final double LOG_GROWTH = Math.log(1.01);
    private static final int BUCKETS = 4000; // 1.01^4000 ns is about 6 years; longer ones share the last bucket

    private final long[] counts = new long[BUCKETS];
    private final long[] values = new long[EXACT];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void add(Duration duration) {
        long nanos = Math.max(0, duration.toNanos());
        counts[bucket(nanos)]++;
        if (count < EXACT) {
            values[(int) count] = nanos;
        }
        count++;
        min = Math.min(min, nanos);
        max = Math.max(max, nanos);
    }

    DurationStats stats() {
        return new DurationStats(count, Duration.ofNanos(min), quantile(0.5), quantile(0.99), Duration.ofNanos(max));
    }

    /** The value of rank ⌈q·count⌉, exact or its bucket's geometric middle, kept within the exact min and max. */
    private Duration quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (count <= EXACT) {
            long[] sorted = Arrays.copyOf(values, (int) count);
            Arrays.sort(sorted);
            return Duration.ofNanos(sorted[(int) rank - 1]);
        }
        long seen = 0;
        int bucket = 0;
        while (seen + counts[bucket] < rank) {
            seen += counts[bucket++];
        }
        long middle = bucket == 0 ? 0 : (long) Math.exp((bucket + 0.5) * LOG_GROWTH);
        return Duration.ofNanos(Math.min(max, Math.max(min, middle)));
    }

    private static int bucket(long nanos) {
        return nanos <= 1 ? 0 : (int) Math.min(BUCKETS - 1, Math.log(nanos) / LOG_GROWTH);
    }
}
