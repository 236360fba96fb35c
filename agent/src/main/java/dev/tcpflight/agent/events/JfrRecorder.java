package dev.tcpflight.agent.events;

import dev.tcpflight.agent.tracking.TrackedSocket;
import dev.tcpflight.agent.tracking.Transition;
import dev.tcpflight.agent.tracking.TransitionRecorder;
import dev.tcpflight.schema.EndCause;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.net.InetSocketAddress;

/** Writes transitions and connection lifetimes as {@code tcpflight.*} JFR events. */
public final class JfrRecorder implements TransitionRecorder {

    @Override
    public void opened(TrackedSocket socket) {
        ConnectionEvent lifetime = new ConnectionEvent();
        lifetime.begin();
        socket.lifetimeEvent(lifetime);
    }

    @Override
    public Object begin() {
        StateChangeEvent event = new StateChangeEvent();
        event.begin();
        return event;
    }

    @Override
    public void transition(TrackedSocket socket, Transition transition, int sequence, String detail, Object begun) {
        commit(socket, null, transition, sequence, detail, begun);
    }

    @Override
    public void transitions(TrackedSocket socket, Transition into, Transition onward, int sequence, String detail,
                            Object begun) {
        commit(socket, into, onward, sequence, detail, begun);
    }

    /** One event to {@code last}'s state, from {@code via}'s start and through its state if not null. */
    private static void commit(TrackedSocket socket, Transition via, Transition last, int sequence, String detail,
                               Object begun) {
        StateChangeEvent event = begun instanceof StateChangeEvent started ? started : new StateChangeEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.connectionId = socket.id();
        event.sequence = sequence;
        event.localAddress = socket.localHost();
        event.localPort = port(socket.local());
        event.remoteAddress = socket.remoteHost();
        event.remotePort = port(socket.remote());
        event.fromState = (via == null ? last : via).from().name();
        event.viaState = via == null ? "" : via.to().name();
        event.viaSource = via == null ? "" : via.source().label();
        event.toState = last.to().name();
        event.trigger = last.trigger().label();
        event.source = last.source().label();
        event.socketApi = socket.api().label();
        event.role = socket.role().label();
        event.detail = detail;
        event.commit();
    }

    @Override
    public void ended(TrackedSocket socket, EndCause cause) {
        if (!(socket.lifetimeEvent() instanceof ConnectionEvent event)) {
            return;
        }
        event.end();
        if (!event.shouldCommit()) {
            return;
        }
        event.connectionId = socket.id();
        event.localAddress = socket.localHost();
        event.localPort = port(socket.local());
        event.remoteAddress = socket.remoteHost();
        event.remotePort = port(socket.remote());
        event.role = socket.role().label();
        event.socketApi = socket.api().label();
        event.bytesRead = socket.bytesRead();
        event.bytesWritten = socket.bytesWritten();
        event.finalState = socket.state().name();
        event.endCause = cause.label();
        event.commit();
    }

    private static int port(InetSocketAddress address) {
        return address == null ? 0 : address.getPort();
    }
}
