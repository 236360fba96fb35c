package dev.tcpflight.cli.recording;

import java.time.Duration;
import java.util.Locale;

/** How tcpflight writes durations: milliseconds with microsecond digits, seconds from 10 s on. */
public final class Durations {

    private Durations() {
    }

    public static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1e6);
    }

    public static String human(Duration duration) {
        return duration.compareTo(Duration.ofSeconds(10)) < 0 ? millis(duration)
                : String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }
}
