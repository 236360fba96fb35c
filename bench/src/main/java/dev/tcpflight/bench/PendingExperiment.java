package dev.tcpflight.bench;

import java.util.List;

/** A figure whose feature is still being built: a hook that shows in the table as pending until it is measured. */
final class PendingExperiment extends Experiment {

    static final PendingExperiment CLI_AT_SCALE = new PendingExperiment("CLI",
            "summary and timeline of 1 M transitions, -Xmx256m", "≥ 1 M events/s",
            "`tcpflight summary` and `timeline` at scale");

    static final PendingExperiment KERNEL_SAMPLER = new PendingExperiment("kernel sampler",
            "following 10,000 sockets in TIME_WAIT", "≤ 2% of one core", "the Linux kernel sampler");

    private final Row row;

    private PendingExperiment(String figure, String workload, String target, String waitingFor) {
        super(figure + " (pending)");
        row = new Row(figure, workload, "", "", "", target, "pending: " + waitingFor);
    }

    @Override
    List<Row> run(Launcher launcher) {
        return List.of(row);
    }
}
