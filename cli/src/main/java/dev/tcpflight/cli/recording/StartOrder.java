package dev.tcpflight.cli.recording;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts a stream of connections, which comes in about the order they end, back in the order they started, in
 * memory bounded by {@code capacity}: while fewer are held, the order is exact; beyond, the earliest held is
 * handed on to make room, so that a connection that outlived {@code capacity} later ones comes out late.
 */
public final class StartOrder implements Consumer<ConnectionTimeline> {

    private final int capacity;
    private final Consumer<ConnectionTimeline> sink;
    private final PriorityQueue<ConnectionTimeline> held = new PriorityQueue<>(ConnectionTimeline.BY_START);

    public StartOrder(int capacity, Consumer<ConnectionTimeline> sink) {
        this.capacity = capacity;
        this.sink = sink;
    }

    @Override
    public void accept(ConnectionTimeline timeline) {
        held.add(timeline);
        if (held.size() > capacity) {
            sink.accept(held.poll());
        }
    }

    /** Hands on everything still held: call once the stream has ended. */
    public void flush() {
        while (!held.isEmpty()) {
            sink.accept(held.poll());
        }
    }
}
