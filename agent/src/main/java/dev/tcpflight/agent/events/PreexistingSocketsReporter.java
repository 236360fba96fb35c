package dev.tcpflight.agent.events;

import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.OpenSocket;
import dev.tcpflight.agent.tracking.PreexistingSockets;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.events.PreexistingSocketEvent;

/** Emits a {@link PreexistingSocketEvent} per socket of the attach snapshot, on JFR's periodic thread. */
public final class PreexistingSocketsReporter implements Runnable {

    private final ConnectionTracker tracker;

    public PreexistingSocketsReporter(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void run() {
        PreexistingSockets sockets = tracker.preexisting();
        for (OpenSocket socket : sockets.all()) {
            PreexistingSocketEvent event = new PreexistingSocketEvent();
            boolean listener = socket.state() == TcpState.LISTEN;
            event.fd = socket.fd();
            event.localAddress = socket.local().getAddress().getHostAddress();
            event.localPort = socket.local().getPort();
            event.remoteAddress = listener ? "" : socket.remote().getAddress().getHostAddress();
            event.remotePort = listener ? 0 : socket.remote().getPort();
            event.state = socket.state().name();
            event.role = sockets.roleOf(socket).label();
            event.commit();
        }
    }
}
