package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a ladder diagram, time flowing down. Each segment is implied twice when both ends are recorded
 * (sent by one, received by the other): the n-th SYN sent rightward is the n-th SYN received on the right. It is
 * drawn once, at the earlier of the two times: the JVM sees some ends late (an accepted socket's handshake is
 * only noticed when accept() returns), and a segment cannot arrive before it was sent.
 */
public final class Ladder {

    /** A transition of one end: where an arrow is drawn, just before or just after its state change. */
    private record Anchor(boolean left, int index) {
    }

    private final Map<Anchor, List<Arrow>> before = new HashMap<>();
    private final Map<Anchor, List<Arrow>> after = new HashMap<>();

    private Ladder() {
    }

    public static List<LadderStep> steps(ConnectionPair pair) {
        List<Transition> left = pair.left().map(ConnectionTimeline::transitions).orElse(List.of());
        List<Transition> right = pair.right().map(ConnectionTimeline::transitions).orElse(List.of());
        Ladder ladder = new Ladder();
        ladder.anchorArrows(left, right, true);
        ladder.anchorArrows(right, left, false);
        return merge(ladder.column(left, true), ladder.column(right, false));
    }

    private void anchorArrows(List<Transition> sender, List<Transition> receiver, boolean senderIsLeft) {
        for (SegmentKind kind : SegmentKind.values()) {
            List<Integer> sent = marks(sender, kind, true);
            List<Integer> received = marks(receiver, kind, false);
            Arrow arrow = new Arrow(kind, senderIsLeft);
            for (int i = 0; i < Math.max(sent.size(), received.size()); i++) {
                Integer s = i < sent.size() ? sent.get(i) : null;
                Integer r = i < received.size() ? received.get(i) : null;
                if (r == null || s != null && !receiver.get(r).time().isBefore(sender.get(s).time())) {
                    after.computeIfAbsent(new Anchor(senderIsLeft, s), a -> new ArrayList<>()).add(arrow);
                } else {
                    before.computeIfAbsent(new Anchor(!senderIsLeft, r), a -> new ArrayList<>()).add(arrow);
                }
            }
        }
    }

    /** Indexes of the transitions that sent (or received) a segment of this kind, in order. */
    private static List<Integer> marks(List<Transition> transitions, SegmentKind kind, boolean sent) {
        List<Integer> marks = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            for (Segments.Implied implied : Segments.of(transitions.get(i))) {
                if (implied.kind() == kind && implied.sent() == sent) {
                    marks.add(i);
                }
            }
        }
        return marks;
    }

    /** One end's rows: arrows it received, its state change, then what it sent (on the same row if it can). */
    private List<LadderStep> column(List<Transition> transitions, boolean left) {
        List<LadderStep> steps = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition change = transitions.get(i);
            Instant time = change.time();
            Anchor anchor = new Anchor(left, i);
            before.getOrDefault(anchor, List.of()).forEach(arrow -> steps.add(new LadderStep(time, null, null, arrow)));
            steps.add(new LadderStep(time, left ? change : null, left ? null : change, null));
            for (Arrow arrow : after.getOrDefault(anchor, List.of())) {
                LadderStep last = steps.get(steps.size() - 1);
                if (last.isChangeOnly()) {
                    steps.set(steps.size() - 1, last.withArrow(arrow));
                } else {
                    steps.add(new LadderStep(time, null, null, arrow));
                }
            }
        }
        return steps;
    }

    /** Both columns by time; on a tie the left first. */
    private static List<LadderStep> merge(List<LadderStep> left, List<LadderStep> right) {
        List<LadderStep> merged = new ArrayList<>(left.size() + right.size());
        int l = 0;
        int r = 0;
        while (l < left.size() || r < right.size()) {
            boolean takeLeft = r == right.size()
                    || l < left.size() && !left.get(l).time().isAfter(right.get(r).time());
            merged.add(takeLeft ? left.get(l++) : right.get(r++));
        }
        return merged;
    }
}
