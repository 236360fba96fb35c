package dev.tcpflight.bench;

/** One line of the results table. */
record Row(String figure, String workload, String measure, String median, String spread, String target,
           String verdict) {

    static final Row HEADER = new Row("figure", "workload", "measure", "median", "spread (min–max)", "target",
            "verdict");

    /** A figure measured once per round: its median and range over the rounds, judged against a target. */
    static Row of(String figure, String workload, String measure, double[] perRound, Unit unit, Target target,
                  boolean judged) {
        return new Row(figure, workload, measure, unit.format(Stats.median(perRound)),
                unit.format(Stats.min(perRound)) + " – " + unit.format(Stats.max(perRound)),
                target.text(), target.verdict(perRound, judged));
    }

    String[] cells() {
        return new String[] {figure, workload, measure, median, spread, target, verdict};
    }
}
