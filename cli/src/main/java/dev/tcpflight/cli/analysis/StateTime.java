package dev.tcpflight.cli.analysis;

/** The time connections spent in one state. */
public record StateTime(String state, DurationStats stats) {
}
