package dev.tcpflight.cli.recording;

import java.time.Duration;
import java.time.Instant;

/** A stretch of time one connection spent in one state, and the transition that brought it there. */
public record StateSpan(String state, Instant from, Instant to, Transition enteredBy) {

    public Duration duration() {
        return Duration.between(from, to);
    }
}
