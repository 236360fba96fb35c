package dev.tcpflight.agent.kernel;

import static dev.tcpflight.schema.TcpState.FIN_WAIT_2;
import static dev.tcpflight.schema.TcpState.LAST_ACK;
import static dev.tcpflight.schema.TcpState.TIME_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final long MS = 1_000_000L;

    private final PollSchedule schedule = new PollSchedule(SamplerLimits.DEFAULTS); // 5 ms, 150 ms, 1 s, 1%

    @Test
    void looksAreFastRightAfterAFollowOrAChangeWhateverTheState() {
        assertEquals(5 * MS, schedule.interval(0, FIN_WAIT_2));
        assertEquals(5 * MS, schedule.interval(149 * MS, TIME_WAIT));
        assertEquals(5 * MS, schedule.interval(149 * MS, LAST_ACK));
    }

    @Test
    void timeWaitIsThenLookedAtEverySlowInterval() {
        assertEquals(1000 * MS, schedule.interval(150 * MS, TIME_WAIT));
        assertEquals(1000 * MS, schedule.interval(50_000 * MS, TIME_WAIT));
    }

    @Test
    void otherStatesBackOffGraduallyToTheSlowInterval() {
        assertEquals(15 * MS, schedule.interval(150 * MS, FIN_WAIT_2));
        assertEquals(100 * MS, schedule.interval(1000 * MS, LAST_ACK));
        assertEquals(1000 * MS, schedule.interval(10_000 * MS, FIN_WAIT_2));
        assertEquals(1000 * MS, schedule.interval(60_000 * MS, FIN_WAIT_2));
    }

    @Test
    void aColdStartFitsInTheBurstButSustainedCostWaitsForTheBudget() {
        for (int i = 0; i < PollSchedule.UNCHARGED_READS; i++) {
            assertEquals(1000, schedule.earliestRead(1000, 500 * MS), "cold reads are not charged");
        }
        assertEquals(1000, schedule.earliestRead(1000, 20 * MS), "a 20 ms read fits in the burst");
        long start = 1000;
        long earliest = start;
        for (int i = 0; i < 100; i++) { // 2 ms reads back to back outrun 1%: the burst runs out
            start = earliest;
            earliest = schedule.earliestRead(start, 2 * MS);
        }
        assertTrue(earliest > start, "the budget applies once the burst is spent");
        long next = schedule.earliestRead(earliest, 2 * MS);
        assertEquals(earliest + 200 * MS, next, 2 * MS, "then 2 ms at 1% is one read per 200 ms");
    }
}
