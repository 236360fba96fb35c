package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.Transition;
import java.time.Instant;

/**
 * One row of a ladder diagram: a state change of the left or the right end, an arrow between them, or a state
 * change with the arrow it sent. Absent parts are null.
 */
public record LadderStep(Instant time, Transition leftChange, Transition rightChange, Arrow arrow) {

    LadderStep withArrow(Arrow sent) {
        return new LadderStep(time, leftChange, rightChange, sent);
    }

    boolean isChangeOnly() {
        return arrow == null && (leftChange != null || rightChange != null);
    }
}
