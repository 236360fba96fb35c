package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Groups a file's events into connections and hands each one on once no more events can come for it, so that
 * memory holds only the connections that may still change. Two things delay that moment after a socket's
 * Connection event (the JVM is done with it):
 * <ul>
 * <li>JFR writes buffers, not events in commit order, not even one thread's: a transition can come behind its
 *     socket's end event (measured: by up to a second of recording, 3 s on an overloaded machine), but never in
 *     a later chunk. So a connection is complete once the chunk with its end is read, or {@link #GRACE} of
 *     recording after its last event, which bounds memory when chunks are large.</li>
 * <li>The agent's kernel sampler reports states after the JVM's close (FIN_WAIT_2, TIME_WAIT, then CLOSED
 *     when the kernel drops the socket, 60 s later for TIME_WAIT on Linux). In a file that has kernel transitions,
 *     a connection not yet CLOSED waits up to {@link #KERNEL_LINGER} for them, across chunks.</li>
 * </ul>
 * A transition that still comes later is left out and counted ({@link #lateTransitions()}) rather than shown
 * as a connection of its own. Connections still open when their file ends are handed on then.
 */
final class ConnectionAssembler {

    static final Duration GRACE = Duration.ofSeconds(10);
    static final Duration KERNEL_LINGER = Duration.ofSeconds(65);
    private static final int REMEMBERED = 100_000; // completed connections whose late transitions are recognised

    /** A connection that can be handed on at {@code time} unless a later event rescheduled it. */
    private record Due(Instant time, ConnectionKey key) {
    }

    private final Consumer<ConnectionTimeline> sink;
    private final Instant recordingEnd;
    private final Map<ConnectionKey, Parts> open = new LinkedHashMap<>();
    /**
     * One queue per delay, each in about the order its entries fall due, as events come in about time order:
     * cheaper than a priority queue, and an entry behind one due later is only handed on a little later.
     */
    private final Queue<Due> afterGrace = new ArrayDeque<>();
    private final Queue<Due> afterKernelLinger = new ArrayDeque<>();
    private final Map<ConnectionKey, Boolean> completed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConnectionKey, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private boolean kernelSeen;
    private long lateTransitions;

    /** @param recordingEnd how long a connection that the recording leaves unfinished lasts, until EOF says */
    ConnectionAssembler(Consumer<ConnectionTimeline> sink, Instant recordingEnd) {
        this.sink = sink;
        this.recordingEnd = recordingEnd;
    }

    void transition(ConnectionKey key, Transition transition) {
        if (completed.containsKey(key)) {
            lateTransitions++;
            return;
        }
        kernelSeen |= transition.is(Trigger.KERNEL);
        Parts parts = open.computeIfAbsent(key, k -> new Parts());
        parts.add(transition);
        schedule(key, parts);
    }

    /** The endpoints of the latest transition read for an open connection, or null. */
    SocketInfo socketOf(ConnectionKey key) {
        Parts parts = open.get(key);
        return parts == null || parts.last == null ? null : parts.last.socket();
    }

    void end(ConnectionKey key, ConnectionEnd end) {
        Parts parts = open.computeIfAbsent(key, k -> new Parts());
        parts.end = end;
        parts.seen(end.end());
        schedule(key, parts);
    }

    /** The events read so far reach {@code time}: hands on the connections no later event can change. */
    void readUpTo(Instant time) {
        completeDue(afterGrace, time);
        completeDue(afterKernelLinger, time);
    }

    /** Hands on the connections that ended in the chunk just read, except those the kernel may still change. */
    void endOfChunk() {
        completeEnded(parts -> !awaitsKernel(parts), recordingEnd);
        // What the queues hold for connections handed on would otherwise stay until due, GRACE of recording later.
        afterGrace.removeIf(due -> !open.containsKey(due.key()));
        afterKernelLinger.removeIf(due -> !open.containsKey(due.key()));
    }

    /** Hands on every connection of the file: the ended ones first, then those still open. */
    void endOfFile(Instant end) {
        completeEnded(parts -> true, end);
        new ArrayList<>(open.keySet()).forEach(key -> complete(key, end));
        afterGrace.clear();
        afterKernelLinger.clear();
    }

    /** Transitions left out because they came after their connection was handed on. */
    long lateTransitions() {
        return lateTransitions;
    }

    private void schedule(ConnectionKey key, Parts parts) {
        if (parts.end != null) {
            boolean awaitsKernel = awaitsKernel(parts);
            parts.due = parts.lastSeen.plus(awaitsKernel ? KERNEL_LINGER : GRACE);
            (awaitsKernel ? afterKernelLinger : afterGrace).add(new Due(parts.due, key));
        }
    }

    private void completeDue(Queue<Due> queue, Instant time) {
        while (!queue.isEmpty() && queue.peek().time().isBefore(time)) {
            Due next = queue.remove();
            Parts parts = open.get(next.key());
            // Else a chunk's end handed it on already, or a later event rescheduled it.
            if (parts != null && next.time().equals(parts.due)) {
                complete(next.key(), recordingEnd);
            }
        }
    }

    /** Hands on the ended connections that {@code which} accepts, in the order they fall due. */
    private void completeEnded(Predicate<Parts> which, Instant end) {
        List<Due> finished = new ArrayList<>();
        open.forEach((key, parts) -> {
            if (parts.end != null && which.test(parts)) {
                finished.add(new Due(parts.due, key));
            }
        });
        finished.sort(Comparator.comparing(Due::time));
        finished.forEach(d -> complete(d.key(), end));
    }

    private boolean awaitsKernel(Parts parts) {
        return kernelSeen && !parts.lastState().equals(TcpState.CLOSED.name());
    }

    private void complete(ConnectionKey key, Instant end) {
        Parts parts = open.remove(key);
        completed.put(key, Boolean.TRUE);
        sink.accept(new ConnectionTimeline(key, parts.transitions, Optional.ofNullable(parts.end),
                parts.until(end)));
    }

    private static final class Parts {
        final List<Transition> transitions = new ArrayList<>(4);
        Transition last;
        ConnectionEnd end;
        Instant lastSeen = Instant.MIN;
        Instant due;

        void add(Transition transition) {
            // An event may carry its own copy of the endpoints; one per connection is enough.
            boolean sameSocket = last != null && last.socket() != transition.socket()
                    && last.socket().equals(transition.socket());
            Transition kept = sameSocket ? transition.withSocket(last.socket()) : transition;
            transitions.add(kept);
            last = last == null || kept.sequence() > last.sequence() ? kept : last;
            seen(kept.time());
        }

        void seen(Instant time) {
            lastSeen = time.isAfter(lastSeen) ? time : lastSeen;
        }

        String lastState() {
            return last == null ? end.finalState() : last.toState();
        }

        /**
         * The end event's end, unless the kernel reported states after it: then when it reported CLOSED, or,
         * still in another state, the recording's end.
         */
        Instant until(Instant recordingEnd) {
            if (end != null && (last == null || !last.time().isAfter(end.end()))) {
                return end.end();
            }
            return last != null && last.toState().equals(TcpState.CLOSED.name()) && end != null ? last.time()
                    : recordingEnd;
        }
    }
}
