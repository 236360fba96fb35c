package dev.tcpflight.cli.recording;

import java.time.Duration;
import java.time.Instant;

/** One {@code tcpflight.Connection} event: committed when a socket ends; it spans open to end. */
public record ConnectionEnd(Instant start, Instant end, long bytesRead, long bytesWritten,
                            String finalState, String endCause, SocketInfo socket) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
