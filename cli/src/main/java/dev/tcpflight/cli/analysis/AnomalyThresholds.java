package dev.tcpflight.cli.analysis;

import java.time.Duration;

/**
 * When a finding becomes an anomaly.
 *
 * @param closeWait      CLOSE_WAIT held longer than this
 * @param pileupCloses   this many active closes to one remote endpoint...
 * @param pileupWindow   ...within this time (Linux keeps TIME_WAIT for 60 s)
 */
public record AnomalyThresholds(Duration closeWait, int pileupCloses, Duration pileupWindow) {

    public static final Duration TIME_WAIT_ON_LINUX = Duration.ofSeconds(60);
}
