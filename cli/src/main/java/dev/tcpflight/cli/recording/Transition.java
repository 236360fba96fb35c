package dev.tcpflight.cli.recording;

import java.time.Instant;
import java.util.Comparator;

/**
 * One {@code tcpflight.StateChange} event.
 *
 * @param topFrame the first application frame of the stack trace as {@code Class.method:line}, or "" when the
 *                 event has no stack trace or no application frame
 */
public record Transition(Instant time, int sequence, String fromState, String toState, String trigger,
                         String source, String detail, String thread, String topFrame, SocketInfo socket) {

    /** Time first; the sequence number orders transitions that share a timestamp (clock resolution). */
    public static final Comparator<Transition> CHRONOLOGICAL =
            Comparator.comparing(Transition::time).thenComparingInt(Transition::sequence);

    public Transition withSocket(SocketInfo sameSocket) {
        return new Transition(time, sequence, fromState, toState, trigger, source, detail, thread, topFrame,
                sameSocket);
    }
}
