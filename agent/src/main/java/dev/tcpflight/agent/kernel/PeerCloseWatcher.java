package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import java.util.concurrent.TimeUnit;

/**
 * Finds the CLOSE_WAIT nobody reads: a pooled connection whose peer closed while the application holds it idle
 * never returns -1 from a read, so only the kernel knows. Every {@value #INTERVAL_MS} ms this daemon thread asks
 * the kernel about each open connection the agent tracks ({@link ConnectionTracker#findPeerCloses}, one
 * {@code poll(2)} each, under a microsecond): the cost grows with the process's own connections, not the host's.
 * A look that took long stretches the pause after it, so the thread stays under 1% of a core.
 */
public final class PeerCloseWatcher implements Runnable {

    public static final String THREAD_NAME = "tcpflight-peer-close";
    static final long INTERVAL_MS = 250;
    /** Pause at least this many times the last look's duration: ≤ 1% of a core. */
    private static final long PAUSE_PER_WORK = 99;

    private final ConnectionTracker tracker;
    private final SamplerThread thread = new SamplerThread(THREAD_NAME, this);

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
            try {
                tracker.findPeerCloses();
            } catch (Throwable e) { // never let the application see the agent fail; count it and go on
                AgentFailures.record("peer-close look", e);
            }
            long pauseMs = Math.max(INTERVAL_MS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)
                    * PAUSE_PER_WORK);
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
