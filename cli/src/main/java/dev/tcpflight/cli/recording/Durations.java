package dev.tcpflight.cli.recording;

import java.time.Duration;

/** How tcpflight writes durations: milliseconds with microsecond digits, seconds from 10 s on. */
public final class Durations {

    private static final long NANOS_PER_MICRO = 1_000;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private Durations() {
    }

    /** {@code 12.346 ms}: as {@code %.3f ms} would write it, without its cost (a timeline writes one per row). */
    public static String millis(Duration duration) {
        return threeDecimals(duration.toNanos(), NANOS_PER_MICRO) + " ms";
    }

    public static String human(Duration duration) {
        return duration.compareTo(Duration.ofSeconds(10)) < 0 ? millis(duration)
                : threeDecimals(duration.toNanos(), NANOS_PER_MILLI) + " s";
    }

    /** {@code nanos} in units of 1,000 {@code thousandth}s, to three decimals, rounded half up as %.3f does. */
    private static String threeDecimals(long nanos, long thousandth) {
        long rounded = (Math.abs(nanos) + thousandth / 2) / thousandth;
        long fraction = rounded % 1000;
        return (nanos < 0 ? "-" : "") + rounded / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".")
                + fraction;
    }
}
