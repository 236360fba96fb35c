package dev.tcpflight.agent.jmx;

import dev.tcpflight.agent.tracking.ConnectionCounts;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.TrackedSocket;
import dev.tcpflight.schema.EndCause;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** {@link ConnectionsMXBean} read from the tracker at each call. */
public final class ConnectionsView implements ConnectionsMXBean {

    static final int OLDEST_CLOSE_WAIT = 5;

    private final ConnectionTracker tracker;
    private final LongSupplier agentErrors;

    public ConnectionsView(ConnectionTracker tracker, LongSupplier agentErrors) {
        this.tracker = tracker;
        this.agentErrors = agentErrors;
    }

    /** Registered: someone can now read the CLOSE_WAIT list, so its entries get their code location. */
    void registered() {
        tracker.locateCloseWaits();
    }

    @Override
    public int getTracked() {
        return tracker.size();
    }

    @Override
    public Map<String, Integer> getByState() {
        int[] counts = tracker.countByState();
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (TcpState state : TcpState.values()) {
            byState.put(state.name(), counts[state.ordinal()]);
        }
        return byState;
    }

    @Override
    public StateCounts getStates() {
        return new StateCounts(tracker.countByState());
    }

    @Override
    public Map<String, Integer> getByRole() {
        int[] counts = countByRole();
        Map<String, Integer> byRole = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            byRole.put(role.label(), counts[role.ordinal()]);
        }
        return byRole;
    }

    @Override
    public RoleCounts getRoles() {
        return new RoleCounts(countByRole());
    }

    private int[] countByRole() {
        int[] counts = new int[Role.values().length];
        tracker.forEachSocket(socket -> counts[socket.role().ordinal()]++);
        return counts;
    }

    @Override
    public long getOpened() {
        return tracker.counts().openedSoFar();
    }

    @Override
    public Map<String, Long> getEndedByCause() {
        long[] counts = countEnded();
        Map<String, Long> byCause = new LinkedHashMap<>();
        for (EndCause cause : EndCause.values()) {
            byCause.put(cause.label(), counts[cause.ordinal()]);
        }
        return byCause;
    }

    @Override
    public EndCauseCounts getEnded() {
        return new EndCauseCounts(countEnded());
    }

    private long[] countEnded() {
        ConnectionCounts counts = tracker.counts();
        long[] byCause = new long[EndCause.values().length];
        for (EndCause cause : EndCause.values()) {
            byCause[cause.ordinal()] = counts.endedSoFar(cause);
        }
        return byCause;
    }

    @Override
    public long getAgentErrors() {
        return agentErrors.getAsLong();
    }

    @Override
    public List<CloseWaitConnection> getOldestCloseWait() {
        List<TrackedSocket> waiting = new ArrayList<>();
        tracker.forEachSocket(socket -> {
            if (socket.state() == TcpState.CLOSE_WAIT) {
                waiting.add(socket);
            }
        });
        waiting.sort(Comparator.comparingLong(TrackedSocket::closeWaitSinceNanos));
        long now = System.nanoTime();
        List<CloseWaitConnection> oldest = new ArrayList<>();
        for (TrackedSocket socket : waiting.subList(0, Math.min(OLDEST_CLOSE_WAIT, waiting.size()))) {
            oldest.add(new CloseWaitConnection(socket.id(), socket.role().label(),
                    text(socket.localHost(), socket.local()), text(socket.remoteHost(), socket.remote()),
                    (now - socket.closeWaitSinceNanos()) / 1_000_000,
                    socket.closeWaitTrigger() == null ? "" : socket.closeWaitTrigger().label(),
                    socket.closeWaitThread() == null ? "" : socket.closeWaitThread(), socket.closeWaitCode()));
        }
        return oldest;
    }

    private static String text(String host, InetSocketAddress address) {
        return address == null ? "" : host + ":" + address.getPort();
    }
}
