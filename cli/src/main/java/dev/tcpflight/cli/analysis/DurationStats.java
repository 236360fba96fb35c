package dev.tcpflight.cli.analysis;

import java.time.Duration;

/** How long connections stayed in one state: how many times, the extremes and two quantiles. */
public record DurationStats(long count, Duration min, Duration median, Duration p99, Duration max) {
}
