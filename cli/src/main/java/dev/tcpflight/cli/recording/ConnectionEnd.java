package dev.tcpflight.cli.recording;

import java.time.Duration;
import java.time.Instant;

/** One {@code tcpflight.Connection} event: committed when a socket ends; its duration spans open to end. */
public record ConnectionEnd(Instant start, Duration duration, long bytesRead, long bytesWritten,
                            String finalState, String endCause, SocketInfo socket) {

    public Instant end() {
        return start.plus(duration);
    }
}
