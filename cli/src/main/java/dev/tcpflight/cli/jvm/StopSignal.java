package dev.tcpflight.cli.jvm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Ctrl-C for a command that leaves something running in another JVM (a recording): a shutdown hook that tells
 * the command to stop, then holds the JVM's exit until the command has cleaned up (bounded, so that a stuck
 * target cannot keep tcpflight from exiting). Close it when done, also on success.
 */
public final class StopSignal implements AutoCloseable {

    private static final long CLEANUP_SECONDS = 60;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tcpflight-ctrl-c");
    }

    public static StopSignal onCtrlC() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Why waiting ended. */
    public enum End { DURATION, CTRL_C, TARGET_GONE }

    /**
     * Waits until Ctrl-C, the end of {@code limit} (null: none) or {@code targetAlive} turning false (checked
     * every {@code tick}, when {@code everyTick} is also told the time waited so far).
     */
    public End await(Duration limit, BooleanSupplier targetAlive, Duration tick, Consumer<Duration> everyTick)
            throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long waited = System.nanoTime() - start;
            everyTick.accept(Duration.ofNanos(waited));
            long slice = tick.toNanos();
            if (limit != null) {
                long left = limit.toNanos() - waited;
                if (left <= 0) {
                    return End.DURATION;
                }
                slice = Math.min(slice, left);
            }
            if (stop.await(slice, TimeUnit.NANOSECONDS)) {
                return End.CTRL_C;
            }
            if (!targetAlive.getAsBoolean()) {
                return End.TARGET_GONE;
            }
        }
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already: the hook is running and now returns.
        }
    }
}
