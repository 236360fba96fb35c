package dev.tcpflight.bench;

import java.util.Locale;

/** How a figure is printed. */
enum Unit {
    RATIO("%.3f"),
    MILLIS("%.0f ms"),
    NANOS("%.1f ns"),
    MICROS("%.1f µs"),
    BYTES("%,.0f B"),
    MEGABYTES("%.0f MB"),
    PER_SECOND("%,.0f /s"),
    PERCENT("%.2f %%");

    private final String format;

    Unit(String format) {
        this.format = format;
    }

    String format(double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
