package dev.tcpflight.agent.events;

import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.events.SocketStatesEvent;
import java.util.function.LongSupplier;

/**
 * Emits {@link SocketStatesEvent} on JFR's periodic thread, only while a recording wants it. It is also where
 * sockets dropped without close() get reported, so leaks show up even when no new socket is opened.
 */
public final class SocketStatesReporter implements Runnable {

    private final ConnectionTracker tracker;
    private final LongSupplier agentErrors;

    public SocketStatesReporter(ConnectionTracker tracker, LongSupplier agentErrors) {
        this.tracker = tracker;
        this.agentErrors = agentErrors;
    }

    @Override
    public void run() {
        tracker.reapDropped();
        int[] counts = tracker.countByState();
        SocketStatesEvent event = new SocketStatesEvent();
        event.listen = counts[TcpState.LISTEN.ordinal()];
        event.synSent = counts[TcpState.SYN_SENT.ordinal()];
        event.established = counts[TcpState.ESTABLISHED.ordinal()];
        event.finWait1 = counts[TcpState.FIN_WAIT_1.ordinal()];
        event.closeWait = counts[TcpState.CLOSE_WAIT.ordinal()];
        event.lastAck = counts[TcpState.LAST_ACK.ordinal()];
        int tracked = 0;
        for (int count : counts) {
            tracked += count;
        }
        event.tracked = tracked;
        event.other = tracked - event.listen - event.synSent - event.established - event.finWait1
                - event.closeWait - event.lastAck;
        event.agentErrors = agentErrors.getAsLong();
        event.commit();
    }
}
