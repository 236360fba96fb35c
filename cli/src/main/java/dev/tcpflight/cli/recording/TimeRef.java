package dev.tcpflight.cli.recording;

import java.time.Duration;
import java.time.Instant;

/** A point in time as the user gives it: an instant, or a duration since the start of the recording(s). */
public record TimeRef(Instant instant, Duration sinceStart) {

    public static TimeRef at(Instant instant) {
        return new TimeRef(instant, null);
    }

    public static TimeRef after(Duration sinceStart) {
        return new TimeRef(null, sinceStart);
    }

    public Instant resolve(Instant recordingStart) {
        return instant != null ? instant : recordingStart.plus(sinceStart);
    }
}
