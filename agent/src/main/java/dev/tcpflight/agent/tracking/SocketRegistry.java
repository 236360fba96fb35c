package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.TcpState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The tracked sockets, by key identity, without locks: each bucket is an immutable array replaced by
 * compare-and-set. A lookup (every read and write) allocates nothing and never blocks; adding and removing
 * (once per connection) copy one short bucket. Unlike {@code ConcurrentHashMap}, whose updates lock a bin, no
 * update can block a thread, so a virtual thread never pins its carrier here. The bucket count is fixed:
 * 8192 buckets keep buckets short up to tens of thousands of open sockets.
 */
final class SocketRegistry {

    private static final int BUCKETS = 1 << 13;
    private static final TrackedSocket[] EMPTY = new TrackedSocket[0];

    private final AtomicReferenceArray<TrackedSocket[]> buckets = new AtomicReferenceArray<>(BUCKETS);
    private final AtomicInteger size = new AtomicInteger();

    SocketRegistry() {
        for (int i = 0; i < BUCKETS; i++) {
            buckets.set(i, EMPTY);
        }
    }

    TrackedSocket get(Object key) {
        for (TrackedSocket socket : buckets.get(index(key))) {
            if (socket.key == key) {
                return socket;
            }
        }
        return null;
    }

    /** Adds {@code socket} unless a socket with the same key is tracked already; true when added. */
    boolean add(TrackedSocket socket) {
        int index = index(socket.key);
        while (true) {
            TrackedSocket[] bucket = buckets.get(index);
            for (TrackedSocket present : bucket) {
                if (present.key == socket.key) {
                    return false;
                }
            }
            TrackedSocket[] grown = new TrackedSocket[bucket.length + 1];
            System.arraycopy(bucket, 0, grown, 0, bucket.length);
            grown[bucket.length] = socket;
            if (buckets.compareAndSet(index, bucket, grown)) {
                size.incrementAndGet();
                return true;
            }
        }
    }

    /** Removes exactly this socket; true for the one caller that removed it. */
    boolean remove(TrackedSocket socket) {
        int index = index(socket.key);
        while (true) {
            TrackedSocket[] bucket = buckets.get(index);
            int at = indexOf(bucket, socket);
            if (at < 0) {
                return false;
            }
            TrackedSocket[] shrunk = bucket.length == 1 ? EMPTY : new TrackedSocket[bucket.length - 1];
            System.arraycopy(bucket, 0, shrunk, 0, at);
            System.arraycopy(bucket, at + 1, shrunk, at, bucket.length - at - 1);
            if (buckets.compareAndSet(index, bucket, shrunk)) {
                size.decrementAndGet();
                return true;
            }
        }
    }

    int size() {
        return size.get();
    }

    /** Counts the sockets in each state, indexed by {@link TcpState#ordinal()}; a snapshot, bucket by bucket. */
    int[] countByState() {
        int[] counts = new int[TcpState.values().length];
        forEach(socket -> counts[socket.state().ordinal()]++);
        return counts;
    }

    /** Visits every tracked socket, bucket by bucket (each bucket as it was when reached). */
    void forEach(Consumer<TrackedSocket> visitor) {
        for (int i = 0; i < BUCKETS; i++) {
            for (TrackedSocket socket : buckets.get(i)) {
                visitor.accept(socket);
            }
        }
    }

    private static int indexOf(TrackedSocket[] bucket, TrackedSocket socket) {
        for (int i = 0; i < bucket.length; i++) {
            if (bucket[i] == socket) {
                return i;
            }
        }
        return -1;
    }

    private static int index(Object key) {
        int hash = System.identityHashCode(key);
        return (hash ^ (hash >>> 13)) & (BUCKETS - 1);
    }
}
