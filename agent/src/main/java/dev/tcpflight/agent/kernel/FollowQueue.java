package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.TcpState;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off from application threads to the sampler's thread: sockets to follow, queued lock-free so that a
 * closing socket's thread never waits, and the count of sockets followed (queued or picked up), which keeps them
 * to {@link SamplerLimits#maxFollowed}. The only part of the sampler's bookkeeping that other threads touch.
 */
final class FollowQueue {

    /** One socket to follow, as the application's thread saw it. */
    record Request(InetSocketAddress local, InetSocketAddress remote, TcpState state, FollowListener listener) {
    }

    private final int maxFollowed;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger followed = new AtomicInteger();
    private final AtomicBoolean capWarned = new AtomicBoolean();

    FollowQueue(int maxFollowed) {
        this.maxFollowed = maxFollowed;
    }

    /** Queues a socket to follow; false, and nothing queued, when {@code maxFollowed} are followed already. */
    boolean offer(InetSocketAddress local, InetSocketAddress remote, TcpState state, FollowListener listener) {
        if (!reserve()) {
            return false;
        }
        requests.offer(new Request(local, remote, state, listener));
        return true;
    }

    /** The oldest request not yet picked up, or null. */
    Request poll() {
        return requests.poll();
    }

    boolean isEmpty() {
        return requests.isEmpty();
    }

    /** Sockets followed now, counting those queued and not yet picked up. */
    int followed() {
        return followed.get();
    }

    /** One socket is no longer followed (or a queued one never will be): it frees its place under the cap. */
    void ended() {
        followed.decrementAndGet();
    }

    private boolean reserve() {
        while (true) {
            int n = followed.get();
            if (n >= maxFollowed) {
                if (!capWarned.getAndSet(true)) {
                    System.err.println("[tcpflight] WARNING: the kernel sampler follows " + maxFollowed
                            + " closed sockets already; the kernel states of more sockets closed meanwhile are"
                            + " not recorded (this message is printed once)");
                }
                return false;
            }
            if (followed.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }
}
