package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.tracking.TcpStateMachine;
import dev.tcpflight.agent.tracking.Transition;
import dev.tcpflight.schema.TcpState;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The sockets the sampler's thread follows, and what each read of the table means for them: the states they
 * moved to, which of them ended, and when they want the next look. All the per-socket bookkeeping, and every
 * call to a {@link FollowListener}, is here, so that {@link KernelSampler} is only about when to read and at what
 * CPU cost. The sampler thread's only.
 */
final class Followers {

    private final Map<TcpTuple, Follower> followers = new HashMap<>();
    private final SocketTable table;
    private final FollowQueue queue;
    private final PollSchedule schedule;
    private final long fast;
    private final long slow;
    private final long quietLimit;
    private final long followLimit;

    /** Followers of the requests in {@code queue}, whose rows are looked up in {@code table}. */
    Followers(SamplerLimits limits, PollSchedule schedule, SocketTable table, FollowQueue queue) {
        this.table = table;
        this.queue = queue;
        this.schedule = schedule;
        this.fast = limits.fastInterval().toNanos();
        this.slow = limits.slowInterval().toNanos();
        this.quietLimit = limits.quietLimit().toNanos();
        this.followLimit = limits.followLimit().toNanos();
    }

    boolean isEmpty() {
        return followers.isEmpty();
    }

    /** Starts following every queued request; true when there was any. */
    boolean takeRequests(long now) {
        boolean any = false;
        FollowQueue.Request request;
        while ((request = queue.poll()) != null) {
            any = true;
            TcpTuple tuple = TcpTuple.of(request.local(), request.remote());
            Follower replaced = followers.remove(tuple);
            if (replaced != null) {
                // the JVM closed a new socket with the same 4-tuple: the old one is certainly gone
                Transition gone = TcpStateMachine.kernel(replaced.state, TcpState.CLOSED, false);
                report(replaced, gone == null ? List.of() : List.of(gone));
                replaced.state = TcpState.CLOSED;
                end(replaced, FollowListener.End.CLOSED);
            }
            Follower follower = new Follower(tuple, request.state(), request.listener(), now);
            follower.entry = table.want(tuple);
            if (tuple.peerMayBeLocal()) {
                follower.reverseTuple = tuple.reversed();
                follower.reverse = table.want(follower.reverseTuple);
            }
            followers.put(tuple, follower);
        }
        return any;
    }

    /**
     * Takes in a read of the table that ended at {@code end}: reports each socket's changes, ends those that
     * closed or ran out of time, and answers when the next read is due (at the latest one slow interval on).
     */
    long update(long end) {
        long due = end + slow;
        for (Iterator<Follower> it = followers.values().iterator(); it.hasNext(); ) {
            Follower follower = it.next();
            TcpState seen = follower.entry.state();
            // The kernel formats the table while sockets move (FIN_WAIT_2 becomes a TIME_WAIT socket): one read
            // can miss a row. Only a row missing from two reads in a row counts as gone.
            boolean missing = seen == TcpState.CLOSED && follower.state != TcpState.CLOSED;
            if (missing && !follower.missedOnce) {
                follower.missedOnce = true;
                if (end + fast - due < 0) {
                    due = end + fast;
                }
                continue;
            }
            follower.missedOnce = missing;
            if (seen != follower.state) {
                TcpState peer = follower.reverse == null ? TcpState.CLOSED : follower.reverse.state();
                KernelPaths.Step step = KernelPaths.next(follower.state, seen, follower.confirmed,
                        peer == TcpState.CLOSING || peer == TcpState.TIME_WAIT);
                report(follower, step.steps());
                if (step.state() != follower.state) {
                    follower.state = step.state();
                    follower.changedAt = end;
                }
                if (step.ended()) {
                    it.remove();
                    end(follower, FollowListener.End.CLOSED);
                    continue;
                }
            }
            if (seen == follower.state) {
                follower.confirmed = true;
            }
            if (end - follower.changedAt > quietLimit || end - follower.followedAt > followLimit) {
                it.remove();
                end(follower, FollowListener.End.TIME_LIMIT);
                continue;
            }
            long wanted = end + schedule.interval(end - follower.changedAt, follower.state);
            if (wanted - due < 0) {
                due = wanted;
            }
        }
        return due;
    }

    /** The sampler stops: every socket followed or still queued is told {@link FollowListener.End#STOPPED}. */
    void stopAll() {
        for (Iterator<Follower> it = followers.values().iterator(); it.hasNext(); ) {
            Follower follower = it.next();
            it.remove();
            end(follower, FollowListener.End.STOPPED);
        }
        FollowQueue.Request request;
        while ((request = queue.poll()) != null) {
            queue.ended();
            notifyEnded(request.listener(), request.state(), FollowListener.End.STOPPED);
        }
    }

    private void report(Follower follower, List<Transition> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Transition step = steps.get(i);
            try {
                follower.listener.kernelTransition(step.from(), step.to(), step.source());
            } catch (Throwable failure) {
                AgentFailures.record("kernel sampler (listener)", failure);
            }
        }
    }

    /** Stops following; the caller has removed the follower from {@link #followers}. */
    private void end(Follower follower, FollowListener.End end) {
        table.release(follower.tuple);
        if (follower.reverseTuple != null) {
            table.release(follower.reverseTuple);
        }
        queue.ended();
        notifyEnded(follower.listener, follower.state, end);
    }

    private static void notifyEnded(FollowListener listener, TcpState last, FollowListener.End end) {
        try {
            listener.followEnded(last, end);
        } catch (Throwable failure) {
            AgentFailures.record("kernel sampler (listener)", failure);
        }
    }
}
