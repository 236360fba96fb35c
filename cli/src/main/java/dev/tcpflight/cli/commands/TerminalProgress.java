package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.recording.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows on stderr how far reading has got, once it has taken more than a second, on one line that it rewrites
 * and clears at the end. Only on a terminal: a log file would fill with carriage returns.
 */
final class TerminalProgress implements Progress {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REFRESH_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final long started;
    private long shownAt;
    private int shownLength;

    TerminalProgress(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    static Progress onStandardError(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err, System::nanoTime) : Progress.NONE;
    }

    @Override
    public void update(Path file, long eventsRead) {
        long now = clock.getAsLong();
        if (now - started < QUIET_NANOS || shownLength > 0 && now - shownAt < REFRESH_NANOS) {
            return;
        }
        String line = String.format(Locale.ROOT, "tcpflight: reading %s: %,d events", file.getFileName(), eventsRead);
        err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
        err.flush();
        shownAt = now;
        shownLength = Math.max(shownLength, line.length());
    }

    @Override
    public void done() {
        if (shownLength > 0) {
            err.print("\r" + " ".repeat(shownLength) + "\r");
            err.flush();
        }
    }
}
