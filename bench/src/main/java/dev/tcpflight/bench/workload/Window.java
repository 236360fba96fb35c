package dev.tcpflight.bench.workload;

import java.util.concurrent.TimeUnit;

/**
 * A workload's run: a warm-up, then the measured phase, on {@link System#nanoTime()}. A watchdog halts the JVM
 * if the workload is still running long after the end, so a hung child never outlives its time bound.
 */
final class Window {

    private static final long GRACE_MS = 30_000;

    private final long measureFrom;
    private final long end;
    private final long measureNanos;

    Window(long warmupMs, long measureMs) {
        long start = System.nanoTime();
        measureNanos = TimeUnit.MILLISECONDS.toNanos(measureMs);
        measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        end = measureFrom + measureNanos;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(warmupMs + measureMs + GRACE_MS);
                System.err.println("workload still running " + GRACE_MS + " ms after its end: halting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    boolean over(long now) {
        return now - end >= 0;
    }

    boolean measuring(long now) {
        return now - measureFrom >= 0;
    }

    /** Sleeps until the measured phase starts. */
    void awaitMeasuring() throws InterruptedException {
        long left = measureFrom - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    double measuredSeconds() {
        return measureNanos / 1e9;
    }
}
