package dev.tcpflight.cli.analysis;

/** How many connections of a role ended in this state for this reason ("open" when they had not ended). */
public record OutcomeCount(String role, String finalState, String endCause, long connections) {
}
