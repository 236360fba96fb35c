package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
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
 * However large the chunk and the rate, at most {@link #MAX_ENDED} ended connections wait: beyond, the one due
 * first is handed on at once (a large JFR memory makes chunks of hundreds of megabytes, and a busy server ends tens of
 * thousands of connections in a GRACE). A transition that still comes later is left out and counted
 * ({@link #lateTransitions()}) rather than shown as a connection of its own. Connections still open when their file
 * ends are handed on then.
 */
final class ConnectionAssembler {

    static final Duration GRACE = Duration.ofSeconds(10);
    static final Duration KERNEL_LINGER = Duration.ofSeconds(65);
    /** About 60 MB of connections waiting (a connection of five transitions holds about 1.5 kB). */
    static final int MAX_ENDED = 40_000;

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
    /**
     * The connections handed on, so that a transition coming later is recognised as late: the agent numbers a JVM's
     * connections from 1, so one bit per connection id of each file (250 kB for two million connections).
     */
    private final Map<Path, BitSet> completed = new HashMap<>();
    private boolean kernelSeen;
    private long lateTransitions;

    /** @param recordingEnd how long a connection that the recording leaves unfinished lasts, until EOF says */
    ConnectionAssembler(Consumer<ConnectionTimeline> sink, Instant recordingEnd) {
        this.sink = sink;
        this.recordingEnd = recordingEnd;
    }

    void transition(ConnectionKey key, Transition transition) {
        if (wasCompleted(key)) {
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
            Queue<Due> queue = awaitsKernel ? afterKernelLinger : afterGrace;
            queue.add(new Due(parts.due, key));
            while (queue.size() > MAX_ENDED) {
                completeIfDue(queue.remove());
            }
        }
    }

    /** Hands on the connection {@code due} stands for, unless a chunk's end did already or a later event moved it. */
    private void completeIfDue(Due due) {
        Parts parts = open.get(due.key());
        if (parts != null && due.time().equals(parts.due)) {
            complete(due.key(), recordingEnd);
        }
    }

    private boolean wasCompleted(ConnectionKey key) {
        BitSet ids = completed.get(key.recording());
        return ids != null && key.connectionId() >= 0 && key.connectionId() <= Integer.MAX_VALUE
                && ids.get((int) key.connectionId());
    }

    private void completeDue(Queue<Due> queue, Instant time) {
        while (!queue.isEmpty() && queue.peek().time().isBefore(time)) {
            completeIfDue(queue.remove());
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
        if (key.connectionId() >= 0 && key.connectionId() <= Integer.MAX_VALUE) {
            completed.computeIfAbsent(key.recording(), file -> new BitSet()).set((int) key.connectionId());
        }
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
