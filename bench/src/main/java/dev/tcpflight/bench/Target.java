package dev.tcpflight.bench;

import java.util.function.Predicate;

/** What a figure must reach, judged on its per-round values; {@link #NONE} for rows shown for context only. */
record Target(String text, Predicate<double[]> met) {

    static final Target NONE = new Target("", null);

    /** Indistinguishable from the baseline: the per-round ratios fall on both sides of 1 (or on it). */
    static final Target WITHIN_NOISE = new Target("1 within spread", v -> Stats.min(v) <= 1 && 1 <= Stats.max(v));

    static Target atLeast(double bound) {
        return atLeast(bound, Unit.RATIO);
    }

    static Target atLeast(double bound, Unit unit) {
        return new Target("≥ " + unit.format(bound), v -> Stats.median(v) >= bound);
    }

    static Target atMost(double bound, Unit unit) {
        return new Target("≤ " + unit.format(bound), v -> Stats.median(v) <= bound);
    }

    String verdict(double[] values, boolean judged) {
        if (met == null) {
            return "";
        }
        if (!judged) {
            return "not judged";
        }
        return met.test(values) ? "met" : "MISSED";
    }
}
