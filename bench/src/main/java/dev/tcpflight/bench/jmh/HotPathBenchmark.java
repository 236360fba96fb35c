package dev.tcpflight.bench.jmh;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.events.JfrRecorder;
import dev.tcpflight.agent.jdk.JdkSocketAccess;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.KernelWatch;
import dev.tcpflight.agent.tracking.PortFilter;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the agent adds to one socket read or write: the work of the bridge and the tracker that the inlined
 * advice calls (the advice itself costs nothing measurable). The tracker holds {@value #OPEN_SOCKETS} other
 * sockets, like a busy server; no recording runs, as with the agent loaded and idle, which is also the per-call
 * cost with one: reads and writes never emit events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    public static final int OPEN_SOCKETS = 1_000;
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

    /** The sockets' owners are held weakly by the tracker: keep them reachable. */
    private final Object[] owners = new Object[OPEN_SOCKETS];
    private FileDescriptor tracked;
    private FileDescriptor untracked;

    @Setup
    public void installTracker() {
        JdkSocketAccess access = new JdkSocketAccess();
        ConnectionTracker tracker =
                new ConnectionTracker(new JfrRecorder(), access, PortFilter.ALL, KernelWatch.NOTHING);
        TcpBridge.install(tracker, access);
        for (int i = 0; i < OPEN_SOCKETS; i++) {
            owners[i] = new Object();
            tracked = new FileDescriptor();
            InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 10_000 + i);
            tracker.accepted(tracked, owners[i], SocketApi.SOCKET, LOCAL, remote);
        }
        untracked = new FileDescriptor();
        if (tracker.size() != OPEN_SOCKETS) {
            throw new IllegalStateException("expected " + OPEN_SOCKETS + " tracked sockets, got " + tracker.size());
        }
    }

    /** The baseline: a call that does nothing. */
    @Benchmark
    public void empty() {
    }

    @Benchmark
    public void readTracked() {
        TcpBridge.read(tracked, 1024, null);
    }

    @Benchmark
    public void writeTracked() {
        TcpBridge.wrote(tracked, 1024, null);
    }

    /** A socket the agent does not know, e.g. a Unix-domain channel: a lookup that finds nothing. */
    @Benchmark
    public void readUntracked() {
        TcpBridge.read(untracked, 1024, null);
    }
}
