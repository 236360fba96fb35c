package dev.tcpflight.agent.kernel;

import static dev.tcpflight.agent.kernel.SamplerFixture.TEST_LIMITS;
import static dev.tcpflight.agent.kernel.SamplerFixture.awaitTrue;
import static dev.tcpflight.agent.kernel.SamplerFixture.limits;
import static dev.tcpflight.agent.kernel.SamplerFixture.local;
import static dev.tcpflight.agent.kernel.SamplerFixture.remote;
import static dev.tcpflight.schema.TcpState.ESTABLISHED;
import static dev.tcpflight.schema.TcpState.FIN_WAIT_1;
import static dev.tcpflight.schema.TcpState.LAST_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.kernel.SamplerFixture.Events;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bounds the sampler, on real loopback connections: how many sockets it follows and for how long, its CPU
 * budget, what it declines, its thread's start, sleep and stop, and listeners that fail.
 */
class KernelSamplerLimitsTest {

    @RegisterExtension
    final SamplerFixture fixture = new SamplerFixture();

    @TempDir
    Path dir;

    @Test
    void noMoreThanMaxFollowedSocketsAreFollowed() throws Exception {
        KernelSampler sampler = fixture.sampler(limits(2, Duration.ofSeconds(70), Duration.ofMinutes(5)));
        List<Events> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
            Events listener = new Events();
            events.add(listener);
            // open connections stay ESTABLISHED: they stay followed
            boolean followed = sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, listener);
            assertEquals(i < 2, followed, "follow #" + (i + 1));
        }
        assertEquals(2, sampler.followed());
        Thread.sleep(50);
        assertEquals(List.of(), events.get(0).lines());
        assertEquals(List.of(), events.get(2).lines());
        sampler.close();
        assertEquals(List.of("ended ESTABLISHED STOPPED"), events.get(0).lines());
        assertEquals(List.of(), events.get(2).lines(), "a declined socket is never reported");
    }

    @Test
    void aSocketWithoutChangeForTheQuietLimitIsNoLongerFollowed() throws Exception {
        KernelSampler sampler = fixture.sampler(limits(100, Duration.ofMillis(300), Duration.ofMinutes(5)));
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        long start = System.nanoTime();
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, events));
        events.await("ended ESTABLISHED TIME_LIMIT");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        assertEquals(0, sampler.followed());
    }

    @Test
    void noSocketIsFollowedLongerThanTheFollowLimit() throws Exception {
        KernelSampler sampler = fixture.sampler(limits(100, Duration.ofSeconds(70), Duration.ofMillis(300)));
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        long start = System.nanoTime();
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, events));
        events.await("ended ESTABLISHED TIME_LIMIT");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void theCpuBudgetSpacesTheReads() throws Exception {
        // a look costs tens of microseconds at the very least: at 0.01% of a core, looks are >= 0.3 s apart
        KernelSampler sampler = fixture.sampler(new SamplerLimits(100, Duration.ofMillis(1), Duration.ofSeconds(10),
                Duration.ofMillis(1), Duration.ofSeconds(70), Duration.ofMinutes(5), 0.0001));
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, new Events()));
        awaitTrue(() -> sampler.reads() > PollSchedule.UNCHARGED_READS, () -> "no charged read");
        Thread.sleep(200);
        assertEquals(PollSchedule.UNCHARGED_READS + 1, sampler.reads(), "a 1 ms interval, but the last look cost "
                + sampler.lastReadNanos() + " ns of CPU");
    }

    @Test
    void whatThereIsNothingToFollowInIsDeclined() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1000);
        InetSocketAddress b = new InetSocketAddress("127.0.0.1", 2000);
        Events events = new Events();
        assertFalse(sampler.follow(a, b, TcpState.CLOSED, events));
        assertFalse(sampler.follow(a, b, TcpState.LISTEN, events));
        assertFalse(sampler.follow(a, new InetSocketAddress("0.0.0.0", 0), FIN_WAIT_1, events));
        assertFalse(sampler.follow(a, InetSocketAddress.createUnresolved("example.invalid", 80), FIN_WAIT_1, events));
        assertFalse(sampler.follow(null, b, FIN_WAIT_1, events));
        assertFalse(sampler.follow(a, b, null, events));
        assertFalse(sampler.follow(a, b, FIN_WAIT_1, null));
        assertEquals(0, sampler.followed());
        assertNull(sampler.thread(), "nothing followed: no thread");
    }

    @Test
    void theThreadStartsOnTheFirstFollowAndCloseStopsIt() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        assertNull(sampler.thread());
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, events));
        Thread thread = sampler.thread();
        assertNotNull(thread);
        assertEquals(KernelSampler.THREAD_NAME, thread.getName());
        assertTrue(thread.isDaemon());
        awaitTrue(() -> sampler.reads() > 0, () -> "no read");
        sampler.close();
        assertFalse(thread.isAlive());
        assertEquals(List.of("ended ESTABLISHED STOPPED"), events.lines());
        assertFalse(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, new Events()), "closed");
    }

    @Test
    void anIdleSamplerSleepsAndWakesForTheNextFollow() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1);
        InetSocketAddress b = new InetSocketAddress("127.0.0.1", 2);
        Events first = new Events();
        assertTrue(sampler.follow(a, b, FIN_WAIT_1, first));
        first.await("FIN_WAIT_1>CLOSED:kernel", "ended CLOSED CLOSED");
        long reads = sampler.reads();
        Thread.sleep(100);
        assertEquals(reads, sampler.reads(), "no reads while nothing is followed");
        assertEquals(Thread.State.TIMED_WAITING, sampler.thread().getState());
        Events second = new Events();
        assertTrue(sampler.follow(a, b, LAST_ACK, second));
        second.await("LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED"); // within WAIT, less than the idle park
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheSampler() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        long failures = AgentFailures.count();
        FollowListener broken = new FollowListener() {
            @Override
            public void kernelTransition(TcpState from, TcpState to, Source source) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void followEnded(TcpState last, End end) {
                throw new IllegalStateException("listener bug");
            }
        };
        assertTrue(sampler.follow(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2),
                FIN_WAIT_1, broken));
        awaitTrue(() -> AgentFailures.count() >= failures + 2, () -> "failures not counted");
        Events events = new Events();
        assertTrue(sampler.follow(new InetSocketAddress("127.0.0.1", 3), new InetSocketAddress("127.0.0.1", 4),
                FIN_WAIT_1, events));
        events.await("FIN_WAIT_1>CLOSED:kernel", "ended CLOSED CLOSED");
        assertTrue(sampler.thread().isAlive());
    }

    @Test
    void withoutAReadableTableNothingIsFollowed() {
        KernelSampler sampler = fixture.open(new KernelSampler(TEST_LIMITS, dir.resolve("no-such-tcp"),
                dir.resolve("x")));
        assertFalse(sampler.follow(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2),
                FIN_WAIT_1, new Events()));
        assertNull(sampler.thread());
        if (KernelSampler.isSupported()) {
            assertTrue(KernelSampler.supportReason().contains("/proc/net/tcp"), KernelSampler.supportReason());
        } else {
            assertTrue(KernelSampler.supportReason().contains("needs Linux"), KernelSampler.supportReason());
        }
    }
}
