package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.EventStream;

/**
 * The tcpflight events of a running JVM as they are written: {@link EventStream#openRepository} on the target's
 * disk repository (its {@code jdk.jfr.repository}), which a recording with a flush interval fills about once a
 * second. Reading files creates no socket in the target, so nothing of tcpflight's own shows up in what it
 * watches. Events are handed on once per flush, in the order they happened.
 */
public final class LiveEvents implements AutoCloseable {

    /** Called on the stream's thread, one call at a time. */
    public interface Listener {
        /** The transitions of one flush, in order (possibly none). */
        void flushed(List<LiveTransition> transitions);

        void counts(SocketCounts counts);
    }

    private final EventStream stream;
    private final List<LiveTransition> pending = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object flushes = new Object();
    private long flushCount;

    private LiveEvents(EventStream stream, Listener listener) {
        this.stream = stream;
        stream.onEvent(StateChangeEvent.NAME, event -> pending.addAll(LiveTransition.of(event)));
        stream.onEvent(SocketStatesEvent.NAME, event -> listener.counts(SocketCounts.of(event)));
        stream.onFlush(() -> {
            pending.sort(LiveTransition.ORDER);
            List<LiveTransition> batch = List.copyOf(pending);
            pending.clear();
            listener.flushed(batch);
            synchronized (flushes) {
                flushCount++;
                flushes.notifyAll();
            }
        });
        stream.onError(failure::set);
    }

    /**
     * Starts reading, on a thread of its own, the events from {@code from} on (without it, a repository stream
     * starts with the next flush, a second late).
     */
    public static LiveEvents start(Path repository, Instant from, Listener listener) throws TcpflightException {
        EventStream stream;
        try {
            stream = EventStream.openRepository(repository);
            stream.setStartTime(from);
        } catch (IOException | RuntimeException e) {
            throw new TcpflightException("cannot read the JFR repository " + repository + ": " + e.getMessage(), e);
        }
        return start(stream, listener);
    }

    /** Starts reading {@code stream} (a remote one, say), on a thread of its own. */
    public static LiveEvents start(EventStream stream, Listener listener) {
        LiveEvents events = new LiveEvents(stream, listener);
        stream.startAsync();
        return events;
    }

    /**
     * Waits until the stream has read a flush that began after this call (at most {@code limit}), so that what
     * the target recorded up to now has been handed on.
     */
    public void awaitNextFlush(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (flushes) {
            long target = flushCount + 2; // the flush under way may have started before now
            while (flushCount < target && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(flushes, left);
            }
        }
    }

    /** What made the stream fail, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops reading; returns once the last call to the listener has returned (or after a second). */
    @Override
    public void close() {
        stream.close();
        try {
            stream.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
