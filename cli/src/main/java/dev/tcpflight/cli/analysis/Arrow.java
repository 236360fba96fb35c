package dev.tcpflight.cli.analysis;

/** A segment between the two ends of a ladder, from left to right or back. */
public record Arrow(SegmentKind kind, boolean rightward) {
}
