package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import java.util.concurrent.TimeUnit;

/**
 * Finds the CLOSE_WAIT nobody reads: a pooled connection whose peer closed while the application holds it idle
 * never returns -1 from a read, so only the kernel knows. This daemon thread asks the kernel about each open
 * connection the agent tracks ({@link ConnectionTracker#findPeerCloses}, one
 * {@code poll(2)} each, a microsecond or two): the cost grows with the process's own connections, not the host's.
 * It looks every {@value #INTERVAL_MS} ms and records a FIN still unread 250 ms after a look first found it,
 * stamped at that look: within 50 ms of the FIN at the p99 on an idle machine (measured
 * with {@code it.FinFoundLagMeasure}); the looks' CPU time is held to 1% of a core on average by the kernel
 * sampler's {@link PollSchedule}, which stretches the pauses of a process with thousands of connections.
 */
public final class PeerCloseWatcher implements Runnable {

    public static final String THREAD_NAME = "tcpflight-peer-close";
    /** The pause between looks while they stay within their CPU budget. */
    public static final long INTERVAL_MS = 20;
    /** How long the application has to read a FIN the look found before it is recorded as found (and stamped). */
    static final long CONFIRM_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ConnectionTracker tracker;
    private final SamplerThread thread = new SamplerThread(THREAD_NAME, this);
    /** The look's own CPU time, not the time it took: on a busy machine a look waits for a core, at no cost. */
    private final ThreadCpuClock cpu = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
    /**
     * The kernel sampler's token bucket at its 1% of a core: one slow look (a JIT compilation, a GC, thousands of
     * connections once) spends credit instead of stopping the looks for 99 times its cost, which made the stamps
     * of a busy second hundreds of milliseconds late; a steady cost above 1% still stretches the pause.
     */
    private final PollSchedule budget = new PollSchedule(SamplerLimits.DEFAULTS);

    public PeerCloseWatcher(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    /** Starts the thread (once); a daemon that lives as long as the JVM, as the tracker it serves does. */
    public void start() {
        thread.started();
    }

    @Override
    public void run() {
        while (true) {
            long began = System.nanoTime();
            long cpuBefore = cpu.nanos();
            try {
                tracker.findPeerCloses(CONFIRM_AFTER_NANOS);
            } catch (Throwable e) { // never let the application see the agent fail; count it and go on
                AgentFailures.record("peer-close look", e);
            }
            long cost = ThreadCpuClock.cost(cpuBefore, cpu.nanos(), began, System.nanoTime());
            long pauseMs = Math.max(INTERVAL_MS,
                    TimeUnit.NANOSECONDS.toMillis(budget.earliestRead(began, cost) - System.nanoTime()));
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
