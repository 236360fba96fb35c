package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.TcpState;

/**
 * When to look at the kernel's table again. Each followed socket asks for a look: often right after it was
 * followed or changed state (FIN_WAIT_1 lasts one round trip, LAST_ACK a round trip, FIN_WAIT_2 until the
 * peer's application closes), then less and less often, and only every slow interval while it sits in
 * TIME_WAIT (whose one way out is a timer, 60 s on Linux). One read serves every socket, so the next read is
 * the earliest any socket asks for; and never sooner than the CPU budget allows. The budget is a token bucket:
 * CPU time accrues at the budget's rate up to what the budget allows in {@link #BURST_WINDOW_NANOS} (100 ms at
 * 1%), so the first, cold reads (class loading, JIT) do not stall the sampler for seconds, while a huge table
 * still averages out at the budget.
 */
final class PollSchedule {

    private final long fast;
    private final long fastWindow;
    private final long slow;
    private final double cpuBudget;

    /** The sampler may spend ahead of its budget what the budget grants in this time. */
    static final long BURST_WINDOW_NANOS = 10_000_000_000L;

    /** The first reads load classes and compile code: their cost says nothing about the table's. */
    static final int UNCHARGED_READS = 3;

    private final double burst;
    private double credit;
    private int uncharged = UNCHARGED_READS;
    private long lastCharge = Long.MIN_VALUE;

    PollSchedule(SamplerLimits limits) {
        this.fast = limits.fastInterval().toNanos();
        this.fastWindow = limits.fastWindow().toNanos();
        this.slow = limits.slowInterval().toNanos();
        this.cpuBudget = limits.cpuBudget();
        this.burst = cpuBudget * BURST_WINDOW_NANOS;
        this.credit = burst;
    }

    /** How long after a look this socket wants the next one, {@code sinceChange} after its last change. */
    long interval(long sinceChange, TcpState state) {
        if (sinceChange < fastWindow) {
            return fast;
        }
        if (state == TcpState.TIME_WAIT) {
            return slow;
        }
        return Math.max(fast, Math.min(slow, sinceChange / 10));
    }

    /** The earliest the next read may start, given when the last one started and how much CPU it took. */
    long earliestRead(long lastStart, long lastCost) {
        if (uncharged > 0) {
            uncharged--;
            lastCharge = lastStart;
            return lastStart;
        }
        if (lastCharge != Long.MIN_VALUE) {
            credit = Math.min(burst, credit + (lastStart - lastCharge) * cpuBudget);
        }
        lastCharge = lastStart;
        credit -= lastCost;
        return credit >= 0 ? lastStart : lastStart + (long) (-credit / cpuBudget);
    }
}
