package dev.tcpflight.bench;

/** Rows comparing the variants of one workload, each a per-round ratio of a figure. */
record Comparisons(Rounds rounds, String workload, boolean judged) {

    Row ratio(String figure, String metric, Variant measured, Variant baseline, Target target) {
        return Row.of(figure, workload, measured.label + " / " + baseline.label,
                rounds.ratios(metric, measured, baseline), Unit.RATIO, target, judged);
    }

    /** What {@code measured} adds to {@code baseline}, round by round, for context (not judged). */
    Row difference(String figure, String metric, Variant measured, Variant baseline, Unit unit) {
        return Row.of(figure, workload, measured.label + " − " + baseline.label,
                rounds.differences(metric, measured, baseline), unit, Target.NONE, judged);
    }

    /** A variant's own figure, round by round, for context: e.g. the JDK's floor the others add to. */
    Row value(String figure, String metric, Variant variant, Unit unit) {
        return Row.of(figure, workload, variant.label, rounds.values(variant, metric), unit, Target.NONE, judged);
    }
}
