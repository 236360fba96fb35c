package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.time.Instant;
import java.util.Comparator;

/**
 * One {@code tcpflight.StateChange} event.
 *
 * @param stack the event's stack trace, {@link StackTrace#NONE} when it has none
 */
public record Transition(Instant time, int sequence, String fromState, String toState, String trigger,
                         String source, String detail, String thread, StackTrace stack, SocketInfo socket) {

    /** Time first; the sequence number orders transitions that share a timestamp (clock resolution). */
    public static final Comparator<Transition> CHRONOLOGICAL =
            Comparator.comparing(Transition::time).thenComparingInt(Transition::sequence);

    /**
     * The detail an agent before 0.2 gave an abortive close, which it recorded with the trigger {@code reset}
     * (that of a received RST); later agents say {@code abortive-close}.
     */
    private static final String LEGACY_ABORTIVE_DETAIL = "SO_LINGER 0";

    /**
     * The first application frame of the stack trace as {@code Class.method:line}, or "" when the event has no
     * stack trace or no application frame.
     */
    public String topFrame() {
        return stack.top();
    }

    public boolean is(Trigger what) {
        return trigger.equals(what.label());
    }

    public boolean is(TcpState from, TcpState to) {
        return fromState.equals(from.name()) && toState.equals(to.name());
    }

    /** This end sent RST (an abortive close): recorded as such, or as older agents wrote it. */
    public boolean resetSent() {
        return is(Trigger.ABORTIVE_CLOSE) || is(Trigger.RESET) && detail.equals(LEGACY_ABORTIVE_DETAIL);
    }

    /** The peer's RST arrived. */
    public boolean resetReceived() {
        return is(Trigger.RESET) && !resetSent();
    }

    public Transition withSocket(SocketInfo sameSocket) {
        return new Transition(time, sequence, fromState, toState, trigger, source, detail, thread, stack,
                sameSocket);
    }
}
