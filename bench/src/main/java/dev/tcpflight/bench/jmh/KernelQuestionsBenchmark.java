package dev.tcpflight.bench.jmh;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.events.JfrRecorder;
import dev.tcpflight.agent.jdk.JdkSocketAccess;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.KernelWatch;
import dev.tcpflight.agent.tracking.PortFilter;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the agent asks the kernel of real loopback connections ({@value #OPEN_CONNECTIONS} open, tracked, idle):
 * before each close (one poll for the peer's FIN or RST and bytes waiting unread; FIONREAD only behind a FIN the
 * application did not read; SO_LINGER too once the application may have switched it on), and in one periodic
 * peer-close look (a {@code poll(2)} per open connection). Needs {@code --add-opens java.base/sun.nio.ch} and
 * {@code java.net}, which the agent gets from its instrumentation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelQuestionsBenchmark {

    public static final int OPEN_CONNECTIONS = 1_000;

    private ServerSocketChannel server;
    private final SocketChannel[] clients = new SocketChannel[OPEN_CONNECTIONS];
    private final SocketChannel[] accepted = new SocketChannel[OPEN_CONNECTIONS];
    private ConnectionTracker tracker;
    private FileDescriptor asked;

    @Setup
    public void openConnections() throws Exception {
        JdkSocketAccess access = new JdkSocketAccess();
        tracker = new ConnectionTracker(new JfrRecorder(), access, PortFilter.ALL, KernelWatch.NOTHING);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                OPEN_CONNECTIONS);
        Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
        getFd.setAccessible(true);
        for (int i = 0; i < OPEN_CONNECTIONS; i++) {
            clients[i] = SocketChannel.open(server.getLocalAddress());
            accepted[i] = server.accept();
            FileDescriptor fd = (FileDescriptor) getFd.invoke(clients[i]);
            InetSocketAddress local = (InetSocketAddress) clients[i].getLocalAddress();
            InetSocketAddress remote = (InetSocketAddress) clients[i].getRemoteAddress();
            tracker.accepted(fd, clients[i], SocketApi.SOCKET_CHANNEL, local, remote);
            asked = fd;
        }
        if (tracker.size() != OPEN_CONNECTIONS) {
            throw new IllegalStateException("expected " + OPEN_CONNECTIONS + " tracked, got " + tracker.size());
        }
    }

    @TearDown
    public void closeConnections() throws IOException {
        for (int i = 0; i < OPEN_CONNECTIONS; i++) {
            clients[i].close();
            accepted[i].close();
        }
        server.close();
    }

    /** What runs before a close reaches the kernel (the close itself, and its event, are not part of it). */
    @Benchmark
    public void closeQuestions() {
        tracker.closing(asked, false); // a close that closes the descriptor, not one a selector holds
    }

    /** In a JVM whose application has set SO_LINGER somewhere (each benchmark runs in a fork of its own). */
    @State(Scope.Benchmark)
    public static class LingerSet {
        @Setup
        public void setLinger() {
            TcpBridge.lingerMayBeOnAlready();
        }
    }

    /** The same close once SO_LINGER may be on: the kernel is asked for it too. */
    @Benchmark
    public void closeQuestionsLingerSet(LingerSet lingerSet) {
        tracker.closing(asked, false);
    }

    /** One periodic look over every open connection; returns how many were asked. */
    @Benchmark
    public int peerLook() {
        return tracker.findPeerCloses();
    }
}
