package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The two ends of one TCP connection, the connecting end on the left as in a textbook. An end that is not in the
 * recordings is empty; at least one is present.
 */
public record ConnectionPair(Optional<ConnectionTimeline> left, Optional<ConnectionTimeline> right) {

    public ConnectionPair {
        if (left.isEmpty() && right.isEmpty()) {
            throw new IllegalArgumentException("a pair needs at least one end");
        }
    }

    public Stream<ConnectionTimeline> ends() {
        return Stream.concat(left.stream(), right.stream());
    }

    public boolean complete() {
        return left.isPresent() && right.isPresent();
    }

    public Instant start() {
        return ends().map(ConnectionTimeline::start).min(Instant::compareTo).orElseThrow();
    }
}
