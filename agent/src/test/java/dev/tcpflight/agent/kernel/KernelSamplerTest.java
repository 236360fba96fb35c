package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.tracking.Source;
import dev.tcpflight.agent.tracking.TcpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static dev.tcpflight.agent.tracking.TcpState.ESTABLISHED;
import static dev.tcpflight.agent.tracking.TcpState.FIN_WAIT_1;
import static dev.tcpflight.agent.tracking.TcpState.LAST_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sampler on real loopback connections and the real {@code /proc/net/tcp{,6}}; a few cases the kernel
 * cannot be made to show on demand (a simultaneous close) run against table files the test writes.
 */
class KernelSamplerTest {

    /**
     * Generous: the table lists every socket of the network namespace, and on a shared build machine with
     * 100,000 TIME_WAIT rows one read takes the kernel 0.2 s of CPU, and longer under load.
     */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Fast limits for tests: every look at 2 ms, nothing backs off within a test. */
    private static SamplerLimits limits(int maxFollowed, Duration quietLimit, Duration followLimit) {
        return new SamplerLimits(maxFollowed, Duration.ofMillis(2), Duration.ofSeconds(10),
                Duration.ofMillis(200), quietLimit, followLimit, 1.0);
    }

    private static final SamplerLimits TEST_LIMITS =
            limits(1000, Duration.ofSeconds(70), Duration.ofMinutes(5));

    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private KernelSampler sampler(SamplerLimits limits) {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        return open(new KernelSampler(limits));
    }

    /** What one followed socket was told, as "FROM>TO:source" lines and a last "ended STATE END" line. */
    static final class Events implements FollowListener {
        private final List<String> lines = new ArrayList<>();
        volatile Thread thread;

        @Override
        public synchronized void kernelTransition(TcpState from, TcpState to, Source source) {
            thread = Thread.currentThread();
            lines.add(from + ">" + to + ":" + source.label());
        }

        @Override
        public synchronized void followEnded(TcpState last, End end) {
            lines.add("ended " + last + " " + end);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        List<String> await(String... expected) {
            List<String> want = List.of(expected);
            awaitTrue(() -> lines().equals(want), () -> "expected " + want + ", got " + lines());
            return lines();
        }

        boolean ended() {
            return lines().stream().anyMatch(line -> line.startsWith("ended "));
        }
    }

    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> message) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(message.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A connected pair on {@code address}: [client, server]. */
    private Socket[] connectedPair(InetAddress address) throws IOException {
        ServerSocket listener = open(new ServerSocket(0, 50, address));
        Socket client = open(new Socket(address, listener.getLocalPort()));
        Socket server = open(listener.accept());
        return new Socket[] {client, server};
    }

    private static InetSocketAddress local(Socket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private static InetSocketAddress remote(Socket socket) {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /**
     * The client closes first: FIN_WAIT_1 -> FIN_WAIT_2 while the server has not closed; then the server reads
     * the FIN and closes: the server's LAST_ACK ends in CLOSED, the client goes on to TIME_WAIT.
     */
    private void activeAndPassiveClose(InetAddress address) throws Exception {
        KernelSampler sampler = sampler(TEST_LIMITS);
        Socket[] pair = connectedPair(address);
        Socket client = pair[0];
        Socket server = pair[1];
        InetSocketAddress clientLocal = local(client);
        InetSocketAddress clientRemote = remote(client);
        InetSocketAddress serverLocal = local(server);
        InetSocketAddress serverRemote = remote(server);
        Events clientEvents = new Events();
        Events serverEvents = new Events();

        client.close();
        assertTrue(sampler.follow(clientLocal, clientRemote, FIN_WAIT_1, clientEvents));
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel");

        assertEquals(-1, server.getInputStream().read());
        server.close();
        assertTrue(sampler.follow(serverLocal, serverRemote, LAST_ACK, serverEvents));
        serverEvents.await("LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
        assertEquals(KernelSampler.THREAD_NAME, clientEvents.thread.getName());
        assertTrue(clientEvents.thread.isDaemon());
        assertEquals(1, sampler.followed()); // the client, in TIME_WAIT
    }

    @Test
    void clientClosesFirstOverIpv4OnADualStackSocket() throws Exception {
        activeAndPassiveClose(InetAddress.getByName("127.0.0.1")); // listed in tcp6 as ::ffff:127.0.0.1
    }

    @Test
    void clientClosesFirstOverIpv6() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, ipv6Loopback)) {
            assumeTrue(probe.getInetAddress() instanceof Inet6Address);
        } catch (IOException noIpv6) {
            assumeTrue(false, "no IPv6 loopback: " + noIpv6);
        }
        activeAndPassiveClose(ipv6Loopback);
    }

    @Test
    void clientClosesFirstOnIpv4OnlySocketsListedInProcNetTcp() throws Exception {
        KernelSampler sampler = sampler(TEST_LIMITS);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocketChannel listener = open(ServerSocketChannel.open(StandardProtocolFamily.INET));
        listener.bind(new InetSocketAddress(loopback, 0));
        SocketChannel client = open(SocketChannel.open(StandardProtocolFamily.INET));
        client.connect(listener.getLocalAddress());
        SocketChannel server = open(listener.accept());
        InetSocketAddress clientLocal = (InetSocketAddress) client.getLocalAddress();
        InetSocketAddress clientRemote = (InetSocketAddress) client.getRemoteAddress();
        Events clientEvents = new Events();
        Events serverEvents = new Events();

        client.close();
        assertTrue(sampler.follow(clientLocal, clientRemote, FIN_WAIT_1, clientEvents));
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
        assertEquals(-1, server.read(ByteBuffer.allocate(1)));
        InetSocketAddress serverLocal = (InetSocketAddress) server.getLocalAddress();
        InetSocketAddress serverRemote = (InetSocketAddress) server.getRemoteAddress();
        server.close();
        assertTrue(sampler.follow(serverLocal, serverRemote, LAST_ACK, serverEvents));
        serverEvents.await("LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
    }

    @Test
    void aFollowThatComesBeforeTheKernelClosedTheSocketWaitsForTheClose() throws Exception {
        KernelSampler sampler = sampler(TEST_LIMITS);
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        // the tracker may follow as close() starts, before the JDK has closed the file descriptor
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), FIN_WAIT_1, events));
        awaitTrue(() -> sampler.reads() >= 3, () -> "no reads");
        assertEquals(List.of(), events.lines(), "ESTABLISHED in the table is the close still to come");
        pair[0].close();
        events.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
    }

    @Test
    void aSocketThatIsAlreadyGoneIsClosed() throws Exception {
        KernelSampler sampler = sampler(TEST_LIMITS);
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
        InetSocketAddress local = local(pair[0]);
        InetSocketAddress remote = remote(pair[0]);
        pair[0].setSoLinger(true, 0);
        pair[0].close(); // RST: no FIN exchange, no TIME_WAIT, gone from the table at once
        Events events = new Events();
        assertTrue(sampler.follow(local, remote, FIN_WAIT_1, events));
        events.await("FIN_WAIT_1>CLOSED:kernel", "ended CLOSED CLOSED");
        assertEquals(0, sampler.followed());
    }

    @Test
    void noMoreThanMaxFollowedSocketsAreFollowed() throws Exception {
        KernelSampler sampler = sampler(limits(2, Duration.ofSeconds(70), Duration.ofMinutes(5)));
        List<Events> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
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
        KernelSampler sampler = sampler(limits(100, Duration.ofMillis(300), Duration.ofMinutes(5)));
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        long start = System.nanoTime();
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, events));
        events.await("ended ESTABLISHED TIME_LIMIT");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        assertEquals(0, sampler.followed());
    }

    @Test
    void noSocketIsFollowedLongerThanTheFollowLimit() throws Exception {
        KernelSampler sampler = sampler(limits(100, Duration.ofSeconds(70), Duration.ofMillis(300)));
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        long start = System.nanoTime();
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, events));
        events.await("ended ESTABLISHED TIME_LIMIT");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void theCpuBudgetSpacesTheReads() throws Exception {
        // a look costs tens of microseconds at the very least: at 0.01% of a core, looks are >= 0.3 s apart
        KernelSampler sampler = sampler(new SamplerLimits(100, Duration.ofMillis(1), Duration.ofSeconds(10),
                Duration.ofMillis(1), Duration.ofSeconds(70), Duration.ofMinutes(5), 0.0001));
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), ESTABLISHED, new Events()));
        awaitTrue(() -> sampler.reads() > PollSchedule.UNCHARGED_READS, () -> "no charged read");
        Thread.sleep(200);
        assertEquals(PollSchedule.UNCHARGED_READS + 1, sampler.reads(), "a 1 ms interval, but the last look cost "
                + sampler.lastReadNanos() + " ns of CPU");
    }

    @Test
    void whatThereIsNothingToFollowInIsDeclined() throws Exception {
        KernelSampler sampler = sampler(TEST_LIMITS);
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
        KernelSampler sampler = sampler(TEST_LIMITS);
        assertNull(sampler.thread());
        Socket[] pair = connectedPair(InetAddress.getByName("127.0.0.1"));
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
        KernelSampler sampler = sampler(TEST_LIMITS);
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
        KernelSampler sampler = sampler(TEST_LIMITS);
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
        KernelSampler sampler = open(new KernelSampler(TEST_LIMITS, dir.resolve("no-such-tcp"), dir.resolve("x")));
        assertFalse(sampler.follow(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2),
                FIN_WAIT_1, new Events()));
        assertNull(sampler.thread());
        if (KernelSampler.isSupported()) {
            assertTrue(KernelSampler.supportReason().contains("/proc/net/tcp"), KernelSampler.supportReason());
        } else {
            assertTrue(KernelSampler.supportReason().contains("needs Linux"), KernelSampler.supportReason());
        }
    }

    // ---- against table files written by the test --------------------------------------------------------

    private static final String HEADER = ProcNetTcpTest.TCP6_HEADER + "\n";
    /** 127.0.0.1:40000 <-> 127.0.0.1:8080, as tcp6 lists them, and each end's tuple. */
    private static final String A = "0000000000000000FFFF00000100007F:9C40";
    private static final String B = "0000000000000000FFFF00000100007F:1F90";
    private static final InetSocketAddress END_A = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress END_B = new InetSocketAddress("127.0.0.1", 8080);

    private Path tcp;
    private Path tcp6;

    private KernelSampler fileSampler() throws IOException {
        tcp = dir.resolve("tcp");
        tcp6 = dir.resolve("tcp6");
        Files.writeString(tcp, ProcNetTcpTest.TCP_HEADER + "\n");
        table();
        return open(new KernelSampler(TEST_LIMITS, tcp, tcp6));
    }

    /** Replaces the tcp6 table at once with these "LOCAL REMOTE ST" rows. */
    private void table(String... rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < rows.length; i++) {
            text.append(String.format("%4d: %s 00000000:00000000 00:00000000 00000000  1000 0 0 1 0%n", i, rows[i]));
        }
        Path next = dir.resolve("tcp6.next");
        Files.writeString(next, text);
        Files.move(next, tcp6, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void bothEndsInTimeWaitAfterFinWait1WentThroughClosing() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 04", B + " " + A + " 04");
        Events a = new Events();
        Events b = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        assertTrue(sampler.follow(END_B, END_A, FIN_WAIT_1, b));
        awaitTrue(() -> sampler.reads() > 2, () -> "no reads");
        table(A + " " + B + " 06", B + " " + A + " 06");
        a.await("FIN_WAIT_1>CLOSING:inferred", "CLOSING>TIME_WAIT:kernel");
        b.await("FIN_WAIT_1>CLOSING:inferred", "CLOSING>TIME_WAIT:kernel");
    }

    @Test
    void finWait1ToTimeWaitWhileThePeerEndVanishedWentThroughFinWait2() throws Exception {
        // both ends closed "at once" per the JVM, but one FIN arrived first: that end was a passive closer
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 04", B + " " + A + " 09");
        Events a = new Events();
        Events b = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        assertTrue(sampler.follow(END_B, END_A, FIN_WAIT_1, b));
        b.await("FIN_WAIT_1>LAST_ACK:kernel");
        table(A + " " + B + " 06");
        a.await("FIN_WAIT_1>FIN_WAIT_2:inferred", "FIN_WAIT_2>TIME_WAIT:kernel");
        b.await("FIN_WAIT_1>LAST_ACK:kernel", "LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
    }

    @Test
    void aFollowOfATupleAlreadyFollowedEndsTheOldSocket() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 06");
        Events old = new Events();
        assertTrue(sampler.follow(END_A, END_B, TcpState.TIME_WAIT, old));
        awaitTrue(() -> sampler.reads() > 1, () -> "no reads");
        Events reused = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, reused));
        old.await("TIME_WAIT>CLOSED:inferred", "ended CLOSED CLOSED");
        assertEquals(1, sampler.followed());
    }

    @Test
    void aFailedReadIsNotAVanishedSocket() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 05");
        Events a = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        a.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
        // the tuples are IPv4, so the IPv4 table is read too: make that read fail
        Files.delete(tcp);
        Files.createDirectory(tcp);
        awaitTrue(() -> sampler.readFailures() > 0, () -> "no failed read");
        table(A + " " + B + " 06");
        Thread.sleep(20);
        assertEquals(List.of("FIN_WAIT_1>FIN_WAIT_2:kernel"), a.lines());
        Files.delete(tcp);
        Files.writeString(tcp, ProcNetTcpTest.TCP_HEADER + "\n");
        a.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
    }
}
