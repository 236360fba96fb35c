package dev.tcpflight.bench;

/** Rows comparing the variants of one workload, each a per-round ratio of a figure. */
record Comparisons(Rounds rounds, String workload, boolean judged) {

    Row ratio(String figure, String metric, Variant measured, Variant baseline, Target target) {
        return Row.of(figure, workload, measured.label + " / " + baseline.label,
                rounds.ratios(metric, measured, baseline), Unit.RATIO, target, judged);
    }
}
