package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the kernel sampler's test classes share, so that none of them copies it: limits fast enough for a test, a
 * listener that records what it is told, loopback connections, and closing all that a test opened. Each test class
 * registers one with {@code @RegisterExtension}: a new one per test, closed after it.
 */
final class SamplerFixture implements AfterEachCallback {

    /**
     * Generous: the table lists every socket of the network namespace, and on a shared build machine with
     * 100,000 TIME_WAIT rows one read takes the kernel 0.2 s of CPU, and longer under load.
     */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Fast limits for tests: every look at 2 ms, nothing backs off within a test. */
    static SamplerLimits limits(int maxFollowed, Duration quietLimit, Duration followLimit) {
        return new SamplerLimits(maxFollowed, Duration.ofMillis(2), Duration.ofSeconds(10),
                Duration.ofMillis(200), quietLimit, followLimit, 1.0);
    }

    static final SamplerLimits TEST_LIMITS =
            limits(1000, Duration.ofSeconds(70), Duration.ofMinutes(5));

    private final List<AutoCloseable> open = new ArrayList<>();

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Closes {@code closeable} after the test, after everything opened later. */
    <T extends AutoCloseable> T open(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** A sampler on the real tables; the test is skipped where there are none. */
    KernelSampler sampler(SamplerLimits limits) {
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
    }

    static void awaitTrue(BooleanSupplier condition, Supplier<String> message) {
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
    Socket[] connectedPair(InetAddress address) throws IOException {
        ServerSocket listener = open(new ServerSocket(0, 50, address));
        Socket client = open(new Socket(address, listener.getLocalPort()));
        Socket server = open(listener.accept());
        return new Socket[] {client, server};
    }

    static InetSocketAddress local(Socket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    static InetSocketAddress remote(Socket socket) {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }
}
