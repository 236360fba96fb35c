package dev.tcpflight.cli.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/** Keeps the {@code limit} earliest-starting connections of a stream, in memory bounded by the limit. */
public final class EarliestConnections implements Consumer<ConnectionTimeline> {

    private final int limit;
    // The latest start on top, so that it is the one dropped when a connection that started earlier comes in.
    private final PriorityQueue<ConnectionTimeline> kept =
            new PriorityQueue<>(ConnectionTimeline.BY_START.reversed());
    private long offered;

    public EarliestConnections(int limit) {
        this.limit = limit;
    }

    @Override
    public void accept(ConnectionTimeline timeline) {
        offered++;
        kept.add(timeline);
        if (kept.size() > limit) {
            kept.poll();
        }
    }

    /** How many connections were offered, kept or not. */
    public long offered() {
        return offered;
    }

    public List<ConnectionTimeline> inOrderOfStart() {
        List<ConnectionTimeline> sorted = new ArrayList<>(kept);
        sorted.sort(ConnectionTimeline.BY_START);
        return sorted;
    }
}
