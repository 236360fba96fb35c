package dev.tcpflight.agent.bridge;

import dev.tcpflight.agent.instrumentation.JdkSocketAccess;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.SocketApi;

import java.io.FileDescriptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The only code the advice calls. Advice is inlined into java.base classes, so this class sits on the bootstrap
 * class path with the rest of the agent. Every entry point is safe to call at any time: it does nothing before
 * the agent is installed, never throws (failures go to {@link AgentFailures}), and never re-enters itself.
 * Sockets are identified by their {@code FileDescriptor}, which lives exactly as long as the socket.
 */
public final class TcpBridge {

    private static volatile ConnectionTracker tracker;
    private static volatile JdkSocketAccess access;

    private TcpBridge() {
    }

    public static void install(ConnectionTracker connectionTracker, JdkSocketAccess socketAccess) {
        access = socketAccess;
        tracker = connectionTracker;
    }

    public static void listened(Object socket, FileDescriptor fd, SocketApi api) {
        if (fd != null) {
            guarded("listen", t -> t.listening(fd, socket, api, access.localAddress(fd)));
        }
    }

    public static void connecting(Object socket, FileDescriptor fd, SocketAddress remote, SocketApi api) {
        if (fd != null && remote instanceof InetSocketAddress inet) {
            guarded("connect", t -> t.connectStarted(fd, socket, api, inet));
        }
    }

    /** A finishConnect call starts on a socket whose non-blocking connect is pending. */
    public static void connectResuming(FileDescriptor fd) {
        if (fd != null) {
            guarded("finishConnect", t -> t.connectResumed(fd));
        }
    }

    /** A connect or finishConnect call returned: connected, still pending, or failed. */
    public static void connectReturned(FileDescriptor fd, boolean established, Throwable failure) {
        if (fd != null) {
            guarded("connect", t -> t.connectReturned(fd, established, failure));
        }
    }

    /** An accept returned {@code acceptedImpl}, a {@code java.net.SocketImpl} now connected to its peer. */
    public static void acceptedImpl(Object acceptedImpl, SocketApi api) {
        if (acceptedImpl != null) {
            guarded("accept", t -> {
                FileDescriptor fd = access.fileDescriptorOf(acceptedImpl);
                if (fd != null) {
                    t.accepted(fd, acceptedImpl, api, access.localAddress(fd), access.remoteAddress(fd));
                }
            });
        }
    }

    /** A server channel accepted {@code channel}, whose file descriptor and peer the JDK just set up. */
    public static void acceptedChannel(Object channel, FileDescriptor fd, SocketAddress remote, SocketApi api) {
        if (channel != null && fd != null && remote instanceof InetSocketAddress inet) {
            guarded("accept", t -> t.accepted(fd, channel, api, access.localAddress(fd), inet));
        }
    }

    /** Hot path, every read: counting bytes allocates nothing and needs no guard. */
    public static void read(FileDescriptor fd, long result, Throwable failure) {
        ConnectionTracker t = tracker;
        if (t == null || fd == null) {
            return;
        }
        if (failure == null && result > 0) {
            try {
                t.read(fd, result);
            } catch (Throwable e) {
                AgentFailures.record("read", e);
            }
        } else if (failure != null) {
            guarded("read", tr -> tr.ioFailed(fd, failure));
        } else if (result == -1) {
            guarded("read", tr -> tr.read(fd, -1));
        }
    }

    /** Hot path, every write. */
    public static void wrote(FileDescriptor fd, long bytes, Throwable failure) {
        ConnectionTracker t = tracker;
        if (t == null || fd == null) {
            return;
        }
        if (failure == null) {
            try {
                t.wrote(fd, bytes);
            } catch (Throwable e) {
                AgentFailures.record("write", e);
            }
        } else {
            guarded("write", tr -> tr.ioFailed(fd, failure));
        }
    }

    public static void inputShutdown(FileDescriptor fd) {
        if (fd != null) {
            guarded("shutdownInput", t -> t.inputShutdown(fd));
        }
    }

    public static void outputShutdown(FileDescriptor fd) {
        if (fd != null) {
            guarded("shutdownOutput", t -> t.outputShutdown(fd));
        }
    }

    /** close() on an open socket, before the JDK closes it. */
    public static void closing(FileDescriptor fd) {
        if (fd != null) {
            guarded("close", t -> t.closing(fd));
        }
    }

    private interface TrackerCall {
        void run(ConnectionTracker tracker);
    }

    /** Runs a state-changing call once per thread at a time, containing every failure. */
    private static void guarded(String where, TrackerCall call) {
        ConnectionTracker t = tracker;
        if (t == null || !ReentrancyGuard.enter()) {
            return;
        }
        try {
            call.run(t);
        } catch (Throwable e) {
            AgentFailures.record(where, e);
        } finally {
            ReentrancyGuard.exit();
        }
    }
}
