package dev.tcpflight.bench.workload;

import java.util.Arrays;
import java.util.List;

/** Round-trip times of one client thread, in a buffer allocated up front so recording never allocates. */
final class Latencies {

    private final long[] nanos;
    private int count;
    private long dropped;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void record(long elapsedNanos) {
        if (count < nanos.length) {
            nanos[count++] = elapsedNanos;
        } else {
            dropped++;
        }
    }

    /** Recorded and dropped round trips. */
    long operations() {
        return count + dropped;
    }

    /** Percentiles in microseconds over all threads' recorded round trips, for {@code 0 < p <= 1}. */
    static double[] percentilesMicros(List<Latencies> all, double... ps) {
        long[] merged = all.stream().flatMapToLong(l -> Arrays.stream(l.nanos, 0, l.count)).sorted().toArray();
        if (merged.length == 0) {
            throw new IllegalStateException("no round trip was measured");
        }
        double[] micros = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            int rank = (int) Math.ceil(ps[i] * merged.length) - 1;
            micros[i] = merged[Math.max(rank, 0)] / 1e3;
        }
        return micros;
    }
}
