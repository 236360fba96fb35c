package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.tracking.PortFilter;
import dev.tcpflight.agent.tracking.TcpStateMachine;
import dev.tcpflight.agent.tracking.Transition;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.UnseenReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process's TCP sockets that no tracked socket owns (another JNI library, an untraced transport, a descriptor
 * inherited at start, a port outside {@code ports=}), as the kernel lists them: each {@code /proc/self/fd} socket
 * link whose descriptor the agent does not track, matched by inode against {@code /proc/net/tcp{,6}}. Each look
 * reports every such socket with its state now, and the change since the look before as a transition of
 * {@link TcpStateMachine} ({@code firstSeen} when first reported, {@code kernel} for a change or for its end).
 * <p>
 * A socket is first reported when two looks in a row found it unowned: the application's thread registers a
 * socket just after the kernel made it (accept, connect), and one look can fall in between. The tables are read
 * only when a descriptor was an unowned socket at two looks in a row (or one is reported already), so a process
 * whose sockets are all tracked pays for the {@code /proc/self/fd} listing alone, even while it opens thousands a
 * second: reading the tables walks the host's whole socket table and holds its locks, which under connection
 * churn (tens of thousands of TIME_WAIT rows) cost the application's own connects and closes their p99. The
 * looks' CPU time is held to 1% of a core on average by the kernel sampler's {@link PollSchedule}, however large
 * the host's table; a deferred look repeats the last report.
 */
public final class UnseenSockets {

    /** One socket at one look; {@code step} is its change since the look before, null when it did not change. */
    public record Sighting(long inode, int fd, InetSocketAddress local, InetSocketAddress remote, TcpState state,
                           Role role, UnseenReason reason, Transition step) {
    }

    /** A socket row of one of the process's descriptors. */
    private record Row(long inode, int fd, InetSocketAddress local, InetSocketAddress remote, TcpState state) {
    }

    private final Path fds;
    private final ProcNetTcpReader tables;
    private final PortFilter filter;
    /** The inodes of the sockets the last look found unowned: reported if this look finds them so again. */
    private Set<Long> unownedBefore = Set.of();
    /**
     * Unowned sockets the tables did not list (Unix-domain or UDP, such as the attach listener's), not asked about
     * again for {@value #NOT_TCP_LOOKS} looks: a TCP socket not yet bound or connected is not listed either.
     */
    private final Set<Long> notTcp = new HashSet<>();
    private static final int NOT_TCP_LOOKS = 30;
    /** Unowned Unix-domain sockets, found in {@link UnixSocketTable}: never TCP, never asked about again. */
    private final Set<Long> unixDomain = new HashSet<>();
    private final Path unixTable;
    private int looks;
    private final Map<Long, Sighting> reported = new HashMap<>();
    /** The kernel sampler's budget, 1% of a core on average, charged with each look's CPU time. */
    private final PollSchedule budget = new PollSchedule(SamplerLimits.DEFAULTS);
    private final ThreadCpuClock cpu = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
    private long noLookBefore = System.nanoTime();
    private long lastLookNanos;
    private long tableReads;

    UnseenSockets(Path fds, ProcNetTcpReader tables, Path unixTable, PortFilter filter) {
        this.fds = fds;
        this.tables = tables;
        this.unixTable = unixTable;
        this.filter = filter;
    }

    /** The look at this process's sockets; null where {@code /proc} does not list them (not Linux). */
    public static UnseenSockets ofThisProcess(PortFilter filter) {
        if (!Files.isDirectory(OpenSockets.FDS) || !KernelSampler.isSupported()) {
            return null;
        }
        return new UnseenSockets(OpenSockets.FDS, new ProcNetTcpReader(ProcNetTcpReader.TCP, ProcNetTcpReader.TCP6),
                UnixSocketTable.UNIX, filter);
    }

    /** How many looks read the socket tables; for tests. */
    synchronized long tableReads() {
        return tableReads;
    }

    /** CPU time (where unknown, elapsed time) of the last look that ran, tables included; for measurements. */
    public synchronized long lastLookNanos() {
        return lastLookNanos;
    }

    /**
     * Looks now, unless the CPU budget defers it (then the last report again, unchanged).
     *
     * @param owned the descriptor numbers of the sockets the agent tracks or listed at the attach
     * @param anyway look even if the budget would defer it: the last look before a recording ends (rare)
     */
    public synchronized List<Sighting> look(Set<Integer> owned, boolean anyway) throws IOException {
        long start = System.nanoTime();
        long cpuBefore = cpu.nanos();
        if (!anyway && start - noLookBefore < 0) {
            List<Sighting> again = new ArrayList<>();
            reported.values().forEach(s -> again.add(unchanged(s)));
            return again;
        }
        Map<Long, Integer> fdByInode = OpenSockets.socketInodes(fds);
        Set<Long> unowned = new HashSet<>();
        Set<Long> ownedInodes = new HashSet<>();
        fdByInode.forEach((inode, fd) -> (owned.contains(fd) ? ownedInodes : unowned).add(inode));
        if (++looks % NOT_TCP_LOOKS == 0) {
            notTcp.clear();
        }
        notTcp.retainAll(unowned);
        unixDomain.retainAll(unowned);
        unowned.removeAll(notTcp);
        unowned.removeAll(unixDomain);
        Set<Long> twice = new HashSet<>(unowned);
        twice.retainAll(unownedBefore);
        unownedBefore = unowned;
        if (!twice.isEmpty()) {
            Set<Long> unix = UnixSocketTable.listed(unixTable, twice);
            unixDomain.addAll(unix);
            twice.removeAll(unix);
        }
        List<Row> rows = new ArrayList<>();
        Set<Integer> listening = new HashSet<>();
        if (!twice.isEmpty() || !reported.isEmpty()) {
            tableReads++;
            readRows(fdByInode, twice, rows, listening);
            twice.removeAll(rows.stream().map(Row::inode).toList());
            notTcp.addAll(twice);
        }
        List<Sighting> sightings = update(rows, listening, ownedInodes);
        long cost = ThreadCpuClock.cost(cpuBefore, cpu.nanos(), start, System.nanoTime());
        lastLookNanos = cost;
        noLookBefore = budget.earliestRead(start, cost);
        return sightings;
    }

    private void readRows(Map<Long, Integer> fdByInode, Set<Long> unowned, List<Row> rows, Set<Integer> listening)
            throws IOException {
        tables.read(new OpenSockets.ProcessRows() {
            @Override
            public void row(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort,
                            int stateCode, long inode) {
                Integer fd = fdByInode.get(inode);
                TcpState state = ProcNetTcp.state(stateCode);
                if (fd == null || state == null || state == TcpState.CLOSED) {
                    return;
                }
                if (state == TcpState.LISTEN) {
                    listening.add(localPort); // tracked listeners too: what makes an accepted socket a server
                }
                if (unowned.contains(inode)) {
                    rows.add(new Row(inode, fd, TcpTuple.address(localHi, localLo, localPort),
                            TcpTuple.address(remoteHi, remoteLo, remotePort), state));
                }
            }
        }, true);
    }

    /** This look's rows against the last: what to report, and what to remember. */
    private List<Sighting> update(List<Row> rows, Set<Integer> listening, Set<Long> ownedInodes) {
        List<Sighting> sightings = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Row row : rows) {
            seen.add(row.inode());
            Sighting before = reported.get(row.inode());
            Transition step;
            if (before != null) {
                step = before.state() == row.state() ? null : TcpStateMachine.kernel(before.state(), row.state(), true);
            } else {
                step = TcpStateMachine.firstSeen(row.state());
            }
            Sighting now = new Sighting(row.inode(), row.fd(), row.local(), row.remote(), row.state(),
                    roleOf(row, listening), reasonOf(row), step);
            reported.put(row.inode(), now);
            sightings.add(now);
        }
        for (Iterator<Sighting> it = reported.values().iterator(); it.hasNext(); ) {
            Sighting gone = it.next();
            if (seen.contains(gone.inode())) {
                continue;
            }
            it.remove();
            // closed, or reset (the kernel lists it no more); a descriptor the agent tracks now is simply dropped
            if (!ownedInodes.contains(gone.inode())) {
                sightings.add(new Sighting(gone.inode(), gone.fd(), gone.local(), gone.remote(), TcpState.CLOSED,
                        gone.role(), gone.reason(), TcpStateMachine.kernel(gone.state(), TcpState.CLOSED, true)));
            }
        }
        return sightings;
    }

    private static Sighting unchanged(Sighting s) {
        return s.step() == null ? s
                : new Sighting(s.inode(), s.fd(), s.local(), s.remote(), s.state(), s.role(), s.reason(), null);
    }

    private static Role roleOf(Row row, Set<Integer> listening) {
        if (row.state() == TcpState.LISTEN) {
            return Role.LISTENER;
        }
        return listening.contains(row.local().getPort()) ? Role.SERVER : Role.CLIENT;
    }

    private UnseenReason reasonOf(Row row) {
        InetSocketAddress remote = row.state() == TcpState.LISTEN ? null : row.remote();
        return filter.ports().isEmpty() || filter.admits(row.local(), remote)
                ? UnseenReason.UNHOOKED : UnseenReason.FILTERED;
    }
}
