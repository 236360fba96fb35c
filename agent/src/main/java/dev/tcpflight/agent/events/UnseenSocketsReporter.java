package dev.tcpflight.agent.events;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.bridge.UntracedTransports;
import dev.tcpflight.agent.kernel.UnseenSockets;
import dev.tcpflight.agent.kernel.UnseenSockets.Sighting;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.OpenSocket;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import dev.tcpflight.schema.events.UntracedTransportEvent;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Emits a {@link UnseenSocketEvent} per socket of the process that no tracked socket owns, on JFR's periodic
 * thread (every second while a recording wants them), and {@link UntracedTransportEvent}s: as each is first met,
 * and at the start and end of every chunk. The chunk-edge hook looks at the sockets too, so a recording has
 * them from its start, and the last look before it ends (a stop, a dump, the JVM's exit: JFR's own shutdown hook
 * ends the chunk before it writes the file) keeps the final states a shutdown hook of ours could only race; the
 * kernel sampler's last look for the sockets it follows is taken there too.
 */
public final class UnseenSocketsReporter {

    private final UnseenSockets look;
    private final ConnectionTracker tracker;
    private int transportsEmitted;

    /** @param look null where the OS does not list the process's sockets: transports only */
    public UnseenSocketsReporter(UnseenSockets look, ConnectionTracker tracker) {
        this.look = look;
        this.tracker = tracker;
    }

    /** The hook of {@link UnseenSocketEvent}: a look, and any transport met since the last emission. */
    public Runnable sockets() {
        return () -> {
            lookNow(false);
            emitTransports(false);
        };
    }

    /**
     * The hook of {@link UntracedTransportEvent}, at every chunk's start and end; it also has the kernel sampler
     * look at the sockets it follows, so that their states due by the end (TIME_WAIT reached, a LAST_ACK gone)
     * are in the chunk.
     */
    public Runnable chunkEdge() {
        return () -> {
            tracker.lookInKernelNow();
            lookNow(true);
            emitTransports(true);
        };
    }

    private synchronized void emitTransports(boolean all) {
        List<UntracedTransports.Met> met = UntracedTransports.all();
        for (int i = all ? 0 : transportsEmitted; i < met.size(); i++) {
            UntracedTransportEvent event = new UntracedTransportEvent();
            event.transport = met.get(i).transport();
            event.detail = met.get(i).className();
            event.commit();
        }
        transportsEmitted = met.size();
    }

    private void lookNow(boolean anyway) {
        if (look == null) {
            return;
        }
        try {
            Set<Integer> owned = new HashSet<>();
            tracker.trackedDescriptors(owned::add);
            for (OpenSocket listed : tracker.preexisting().all()) {
                owned.add(listed.fd()); // reported as tcpflight.PreexistingSocket, tracked from its first call
            }
            for (Sighting sighting : look.look(owned, anyway)) {
                commit(sighting);
            }
        } catch (Throwable e) { // JFR's thread, not the application's: count it and go on
            AgentFailures.record("look at unseen sockets", e);
        }
    }

    private static void commit(Sighting s) {
        UnseenSocketEvent event = new UnseenSocketEvent();
        boolean listener = s.state() == TcpState.LISTEN || s.remote().getPort() == 0;
        event.inode = s.inode();
        event.fd = s.fd();
        event.localAddress = host(s.local());
        event.localPort = s.local().getPort();
        event.remoteAddress = listener ? "" : host(s.remote());
        event.remotePort = listener ? 0 : s.remote().getPort();
        event.state = s.state().name();
        event.fromState = s.step() == null ? s.state().name() : s.step().from().name();
        event.trigger = s.step() == null ? "" : s.step().trigger().label();
        event.source = s.step() == null ? "" : s.step().source().label();
        event.role = s.role().label();
        event.reason = s.reason().label();
        event.commit();
    }

    private static String host(InetSocketAddress address) {
        return address.getAddress().getHostAddress();
    }
}
