package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.analysis.AnomalyThresholds;
import dev.tcpflight.cli.commands.OptionConverters.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** When {@code summary} and {@code report} call something an anomaly (a picocli mixin). */
public final class AnomalyOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--close-wait-threshold", paramLabel = "DURATION", defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Report CLOSE_WAIT held longer than this (default: ${DEFAULT-VALUE}); a connection"
                    + " still in CLOSE_WAIT when the recording ends is always reported.")
    private Duration closeWait;

    @Option(names = "--pileup", paramLabel = "N", defaultValue = "10",
            description = "Report a TIME_WAIT pile-up when a client closes N connections to one endpoint first"
                    + " within 60 s, the time Linux keeps TIME_WAIT (default: ${DEFAULT-VALUE}).")
    private int pileup;

    public AnomalyThresholds thresholds() {
        if (pileup < 2) {
            throw new ParameterException(command.commandLine(), "--pileup must be at least 2, not " + pileup);
        }
        return new AnomalyThresholds(closeWait, pileup, AnomalyThresholds.TIME_WAIT_ON_LINUX);
    }
}
