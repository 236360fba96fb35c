package dev.tcpflight.bench.workload;

import java.util.Locale;

/** The one line a workload prints for the harness: {@code RESULT key=value ...}. */
public final class Result {

    public static final String PREFIX = "RESULT ";

    private final StringBuilder line = new StringBuilder(PREFIX);

    Result put(String key, double value) {
        line.append(String.format(Locale.ROOT, "%s=%.3f ", key, value));
        return this;
    }

    void print() {
        System.out.println(line.toString().trim());
        System.out.flush();
    }
}
