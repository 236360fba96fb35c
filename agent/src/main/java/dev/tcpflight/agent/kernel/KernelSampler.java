package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.schema.TcpState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows sockets once only the kernel changes their state (our FIN is on its way), in the Linux kernel's
 * socket table ({@code /proc/net/tcp} and {@code /proc/net/tcp6}), and reports the states no JDK call can see:
 * FIN_WAIT_2, CLOSING, TIME_WAIT, and the final CLOSED.
 * <p>
 * {@link #follow} only queues the socket's 4-tuple (lock-free) and returns: the application's thread never
 * waits and no socket object is kept. One daemon thread, {@value #THREAD_NAME}, started by the first follow,
 * reads the tables for all followed sockets at once, as often as {@link PollSchedule} asks and the CPU budget
 * allows, and sleeps while nothing is followed. A socket is followed until it is CLOSED or the time limits end
 * it; at most {@link SamplerLimits#maxFollowed} at a time (beyond that, follow says so once and declines). Nothing
 * here throws: failures are counted in {@link AgentFailures}.
 * <p>
 * This class decides when to read and what a read may cost; {@link FollowQueue} hands the sockets over,
 * {@link Followers} keeps track of each, and {@link SamplerThread} starts and stops the thread.
 */
public final class KernelSampler implements AutoCloseable {

    public static final String THREAD_NAME = "tcpflight-kernel-sampler";

    private static final String SUPPORT_PROBLEM = ProcNetTcpReader.problemReading(ProcNetTcpReader.TCP);
    private static final long IDLE_PARK = Duration.ofMinutes(1).toNanos();
    private static final long LOOK_NOW_POLL = Duration.ofMillis(1).toNanos();

    private final SamplerLimits limits;
    private final String problem;
    private final ProcNetTcpReader reader;
    private final PollSchedule schedule;
    private final long fast;
    private final long slow;

    // shared with application threads
    private final FollowQueue queue;
    private final SamplerThread thread = new SamplerThread(THREAD_NAME, this::run);
    private volatile boolean closed;
    /** While the sampler sleeps: when it will wake by itself. While it works: a time in the past. */
    private volatile long sleepingUntil = System.nanoTime();
    /** The CPU budget allows no read before this. */
    private volatile long noReadBefore = System.nanoTime();
    private volatile long reads;
    private volatile long lastReadNanos;
    private volatile long lastReadBytes;
    private volatile long readFailures;
    /** Looks asked for outside the schedule ({@link #lookNow}), and how many of them the sampler has made. */
    private final AtomicLong looksAsked = new AtomicLong();
    private volatile long looksMade;

    // the sampler thread's own
    private final SocketTable table = new SocketTable();
    private final ThreadCpuClock cpu = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
    private final Followers followers;
    private long nextRead;

    /** A sampler with the {@link SamplerLimits#DEFAULTS default limits}. */
    public KernelSampler() {
        this(SamplerLimits.DEFAULTS);
    }

    public KernelSampler(SamplerLimits limits) {
        this(limits, ProcNetTcpReader.TCP, ProcNetTcpReader.TCP6, SUPPORT_PROBLEM);
    }

    /** For tests: other table files. */
    KernelSampler(SamplerLimits limits, Path tcp, Path tcp6) {
        this(limits, tcp, tcp6, ProcNetTcpReader.problemReading(tcp));
    }

    private KernelSampler(SamplerLimits limits, Path tcp, Path tcp6, String problem) {
        this.limits = limits;
        this.problem = problem;
        this.reader = new ProcNetTcpReader(tcp, tcp6);
        this.schedule = new PollSchedule(limits);
        this.fast = limits.fastInterval().toNanos();
        this.slow = limits.slowInterval().toNanos();
        this.queue = new FollowQueue(limits.maxFollowed());
        this.followers = new Followers(limits, schedule, table, queue);
    }

    /** True on a system with a readable {@code /proc/net/tcp} (Linux). */
    public static boolean isSupported() {
        return SUPPORT_PROBLEM == null;
    }

    /** Why the sampler cannot run here, or what it reads when it can; one line for a start-up message. */
    public static String supportReason() {
        return SUPPORT_PROBLEM != null ? SUPPORT_PROBLEM
                : "follows closed sockets in " + ProcNetTcpReader.TCP + " and " + ProcNetTcpReader.TCP6;
    }

    public SamplerLimits limits() {
        return limits;
    }

    /**
     * Starts following a connected socket whose state only the kernel changes from now on: our FIN is queued
     * (after shutdownOutput, or close) or the JVM is done with it. Returns at once: the sampler's
     * thread reports to {@code listener}. The addresses are what the socket was bound and connected to, as
     * the JVM saw them (an IPv4 or an IPv4-mapped address matches the same kernel row).
     *
     * @param lastJvmState the socket's state after that call (FIN_WAIT_1, LAST_ACK, TIME_WAIT...): the first
     *                     reported transition starts from it
     * @return false when the socket is not followed (nothing to follow: a listener, an unconnected or CLOSED
     *         socket; not Linux; the sampler is closed or follows {@link SamplerLimits#maxFollowed} sockets already);
     *         then the listener is never called
     */
    public boolean follow(InetSocketAddress local, InetSocketAddress remote, TcpState lastJvmState,
                          FollowListener listener) {
        try {
            if (problem != null || closed || listener == null || lastJvmState == null
                    || lastJvmState == TcpState.CLOSED || lastJvmState == TcpState.LISTEN
                    || local == null || remote == null || local.getAddress() == null
                    || remote.getAddress() == null || remote.getPort() == 0) {
                return false;
            }
            if (!queue.offer(local, remote, lastJvmState, listener)) {
                return false;
            }
            Thread sampler = thread.started();
            // wake a sleeping sampler if it may look at the new socket much sooner than it would wake
            long now = System.nanoTime();
            long budgetAllows = noReadBefore;
            long canRead = budgetAllows - now > 0 ? budgetAllows : now;
            if (sleepingUntil - canRead > fast) {
                LockSupport.unpark(sampler);
            }
            return true;
        } catch (Throwable failure) {
            AgentFailures.record("kernel sampler (follow)", failure);
            return false;
        }
    }

    /**
     * One look now, whatever the schedule and the budget say, returning once the sampler has made it (and so
     * reported what it saw) or after {@code timeoutNanos}: the last look before a recording's chunk ends, so that
     * the states due by then are in it. Does nothing while nothing is followed.
     */
    public void lookNow(long timeoutNanos) {
        if (problem != null || closed || followed() == 0) {
            return;
        }
        long ticket = looksAsked.incrementAndGet();
        LockSupport.unpark(thread.started());
        long deadline = System.nanoTime() + timeoutNanos;
        while (looksMade < ticket && deadline - System.nanoTime() > 0 && !closed) {
            LockSupport.parkNanos(this, LOOK_NOW_POLL);
        }
    }

    /** Sockets followed now, counting those queued and not yet picked up. */
    public int followed() {
        return queue.followed();
    }

    /**
     * Stops the sampler's thread, interrupting a read of the table, and waits for it up to 5 s; each followed
     * socket's listener gets {@link FollowListener.End#STOPPED}.
     */
    @Override
    public void close() {
        closed = true;
        thread.stop();
    }

    long reads() {
        return reads;
    }

    /** CPU time (or, where unknown, elapsed time) of the last look at the table, followers included. */
    long lastReadNanos() {
        return lastReadNanos;
    }

    long lastReadBytes() {
        return lastReadBytes;
    }

    long readFailures() {
        return readFailures;
    }

    Thread thread() {
        return thread.get();
    }

    /**
     * Starts the sampler thread now, which loads its classes and reads the table once, so that the first
     * closed socket is looked at within milliseconds rather than after a cold start.
     */
    public void prestart() {
        if (problem == null && !closed) {
            thread.started();
        }
    }

    private void run() {
        try {
            warmUp();
            while (!closed) {
                try {
                    cycle();
                } catch (Throwable failure) {
                    AgentFailures.record("kernel sampler", failure);
                    LockSupport.parkNanos(this, slow);
                }
            }
        } finally {
            followers.stopAll();
        }
    }

    private void warmUp() {
        try {
            reader.read(table);
        } catch (Throwable failure) {
            // the first real read reports it
        }
    }

    private void cycle() {
        long now = System.nanoTime();
        sleepingUntil = now - 1;
        if (followers.takeRequests(now)) {
            long budgetAllows = noReadBefore; // a new socket: look as soon as the budget allows
            nextRead = budgetAllows - now > 0 ? budgetAllows : now;
        }
        long asked = looksAsked.get();
        if (asked != looksMade) {
            if (!followers.isEmpty()) {
                read(now);
            }
            looksMade = asked;
        }
        if (followers.isEmpty()) {
            sleepUntil(now + IDLE_PARK);
            return;
        }
        if (now - nextRead >= 0) {
            read(now);
        }
        sleepUntil(nextRead);
    }

    private void sleepUntil(long deadline) {
        sleepingUntil = deadline;
        // a follow queued after this check sees sleepingUntil and unparks us: no request waits a whole sleep
        if (closed || !queue.isEmpty() || looksAsked.get() != looksMade) {
            return;
        }
        long delay = deadline - System.nanoTime();
        if (delay > 0) {
            LockSupport.parkNanos(this, delay);
        }
    }

    private void read(long start) {
        long cpuBefore = cpu.nanos();
        try {
            reader.read(table);
        } catch (Throwable failure) {
            if (closed) {
                return; // close() interrupted the read
            }
            // a failed read says nothing about the sockets: keep them, try again later
            readFailures++;
            AgentFailures.record("kernel sampler (reading the socket table)", failure);
            nextRead = start + slow;
            return;
        }
        long end = System.nanoTime();
        reads++;
        lastReadBytes = reader.lastBytes();
        long due = followers.update(end);
        // the whole look counts against the budget: the kernel formatting the table, parsing, the followers
        long cost = ThreadCpuClock.cost(cpuBefore, cpu.nanos(), start, System.nanoTime());
        lastReadNanos = cost;
        long earliest = schedule.earliestRead(start, cost);
        noReadBefore = earliest;
        nextRead = due - earliest < 0 ? earliest : due;
    }
}
