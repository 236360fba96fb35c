package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuClockTest {

    @TempDir
    Path dir;

    @Test
    void theThreadsCpuTimeGrowsWithWorkAndNotWithSleep() throws Exception {
        assumeTrue(Files.isReadable(ThreadCpuClock.SCHEDSTAT), "no " + ThreadCpuClock.SCHEDSTAT);
        ThreadCpuClock clock = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
        long before = clock.nanos();
        assertTrue(before > 0);
        long spin = System.nanoTime() + 30_000_000L;
        long x = 0;
        while (System.nanoTime() - spin < 0) {
            x++;
        }
        long worked = clock.nanos();
        assertTrue(worked - before > 1_000_000L, "spun 30 ms: " + (worked - before) + " ns, " + x);
        Thread.sleep(100);
        long slept = clock.nanos();
        assertTrue(slept - worked < 20_000_000L, "slept 100 ms: " + (slept - worked) + " ns");
    }

    /** The file stays open between readings, but it names the thread that opened it: another thread reopens it. */
    @Test
    void anotherThreadGetsItsOwnCpuTime() throws Exception {
        assumeTrue(Files.isReadable(ThreadCpuClock.SCHEDSTAT), "no " + ThreadCpuClock.SCHEDSTAT);
        ThreadCpuClock clock = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
        long spin = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() - spin < 0) {
            Thread.onSpinWait();
        }
        long mine = clock.nanos();
        long[] theirs = new long[1];
        Thread other = new Thread(() -> theirs[0] = clock.nanos());
        other.start();
        other.join();
        assertTrue(theirs[0] >= 0 && theirs[0] < mine - 30_000_000L, "a new thread's " + theirs[0]
                + " ns against this one's " + mine + " ns");
        assertTrue(clock.nanos() >= mine, "this thread's again, not the other's");
        Thread.currentThread().interrupt();
        try {
            assertEquals(-1, clock.nanos(), "an interrupted thread cannot read the file: elapsed time this once");
        } finally {
            Thread.interrupted();
        }
        assertTrue(clock.nanos() >= mine, "read again once the interrupt is handled");
    }

    @Test
    void withoutTheFileTheCostIsTheElapsedTime() throws Exception {
        ThreadCpuClock missing = new ThreadCpuClock(dir.resolve("schedstat"));
        assertEquals(-1, missing.nanos());
        Files.writeString(dir.resolve("garbage"), "x 1 2\n");
        assertEquals(-1, new ThreadCpuClock(dir.resolve("garbage")).nanos());
        assertEquals(70, ThreadCpuClock.cost(-1, -1, 1000, 1070));
        assertEquals(5, ThreadCpuClock.cost(100, 105, 1000, 1070));
        assertEquals(70, ThreadCpuClock.cost(100, -1, 1000, 1070));
    }

    @Test
    void theFirstFieldIsRead() throws Exception {
        Path file = dir.resolve("schedstat");
        Files.writeString(file, "1234567890123 5678 9\n");
        assertEquals(1234567890123L, new ThreadCpuClock(file).nanos());
    }
}
