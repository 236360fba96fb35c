package dev.tcpflight.agent.bridge;

import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;

/**
 * The only code the advice calls. Advice is inlined into java.base classes, so this class, with the rest of its
 * package, is defined in the bootstrap class loader (see {@code BootstrapBridge}); the tracker it forwards to
 * lives in the agent's own loader, behind {@link Tracking} and {@link SocketInspection}. Every entry point is
 * safe to call at any time: it does nothing before the agent is installed, never throws (failures go to
 * {@link AgentFailures}), and never re-enters itself.
 * Sockets are identified by an object that lives exactly as long as the socket: the JDK's {@code FileDescriptor},
 * or for a native transport (Netty epoll) its own descriptor object.
 */
public final class TcpBridge {

    private static volatile Tracking tracker;
    private static volatile SocketInspection access;
    /**
     * Whether a socket of this JVM may have SO_LINGER on: not until the application switches it on (the
     * setOption hooks), or always after an attach (a socket may have had it set before). Until then a close
     * sends RST only for unread data, and the agent need not ask the kernel for the setting at each close.
     */
    private static volatile boolean lingerMayBeOn;
    private static final Integer LEGACY_LINGER = SocketOptions.SO_LINGER;

    private TcpBridge() {
    }

    public static void install(Tracking connectionTracker, SocketInspection socketAccess) {
        access = socketAccess;
        tracker = connectionTracker;
    }

    /**
     * {@code setOption} returned: SO_LINGER switched on is a time of 0 or more, given as
     * {@code StandardSocketOptions.SO_LINGER} or, by {@code Socket.setSoLinger}, as {@code SocketOptions.SO_LINGER}
     * (boxed; its value is then a time, or {@code false} for off).
     */
    public static void optionSet(Object option, Object value) {
        if ((option == StandardSocketOptions.SO_LINGER || LEGACY_LINGER.equals(option))
                && value instanceof Integer seconds && seconds >= 0) {
            lingerMayBeOn = true;
        }
    }

    /** Netty's native {@code setSoLinger(int)} returned; a negative time switches it off. */
    public static void lingerSet(int seconds) {
        if (seconds >= 0) {
            lingerMayBeOn = true;
        }
    }

    /** The agent was attached: sockets open before it may have SO_LINGER on, and listeners pass it on. */
    public static void lingerMayBeOnAlready() {
        lingerMayBeOn = true;
    }

    /** See {@link #lingerMayBeOn}: false means no socket of this JVM has SO_LINGER on. */
    public static boolean lingerMayBeOn() {
        return lingerMayBeOn;
    }

    public static void listened(Object socket, Object fd, SocketApi api) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.listening(fd, socket, api, access.localAddress(fd));
            } catch (Throwable e) {
                AgentFailures.record("listen", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    public static void connecting(Object socket, Object fd, SocketAddress remote, SocketApi api) {
        Tracking t = remote instanceof InetSocketAddress ? enter(fd) : null;
        if (t != null) {
            try {
                t.connectStarted(fd, socket, api, (InetSocketAddress) remote);
            } catch (Throwable e) {
                AgentFailures.record("connect", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** A finishConnect call starts on a socket whose non-blocking connect is pending. */
    public static void connectResuming(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.connectResumed(fd);
            } catch (Throwable e) {
                AgentFailures.record("finishConnect", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** A connect or finishConnect call returned: connected, still pending, or failed. */
    public static void connectReturned(Object fd, boolean established, Throwable failure) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.connectReturned(fd, established, failure);
            } catch (Throwable e) {
                AgentFailures.record("connect", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** An accept returned {@code acceptedImpl}, a {@code java.net.SocketImpl} now connected to its peer. */
    public static void acceptedImpl(Object acceptedImpl, SocketApi api) {
        Tracking t = enter(acceptedImpl);
        if (t != null) {
            try {
                FileDescriptor fd = access.fileDescriptorOf(acceptedImpl);
                if (fd != null) {
                    t.accepted(fd, acceptedImpl, api, access.acceptedImplLocalAddress(acceptedImpl, fd),
                            access.acceptedImplRemoteAddress(acceptedImpl, fd));
                }
            } catch (Throwable e) {
                AgentFailures.record("accept", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** A server channel accepted {@code channel}, whose file descriptor and peer the JDK just set up. */
    public static void acceptedChannel(Object channel, FileDescriptor fd, SocketAddress remote, SocketApi api) {
        Tracking t = channel != null && remote instanceof InetSocketAddress ? enter(fd) : null;
        if (t != null) {
            try {
                t.accepted(fd, channel, api, access.acceptedChannelLocalAddress(channel, fd),
                        (InetSocketAddress) remote);
            } catch (Throwable e) {
                AgentFailures.record("accept", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /**
     * A native transport's socket listens; one whose local address is not an internet address (a Unix-domain
     * socket) is not TCP and is left alone.
     */
    public static void nativeListened(Object socket) {
        SocketApi api = NativeTransports.apiOf(socket);
        Tracking t = api != null ? enter(socket) : null;
        if (t != null) {
            try {
                InetSocketAddress local = access.localAddress(socket);
                if (local != null) {
                    t.listening(socket, socket, api, local);
                }
            } catch (Throwable e) {
                AgentFailures.record("listen", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** A native transport's socket connects; its connect also serves UDP, which is left alone. */
    public static void nativeConnecting(Object socket, SocketAddress remote) {
        SocketApi api = NativeTransports.apiOf(socket);
        Tracking t = api != null && remote instanceof InetSocketAddress ? enter(socket) : null;
        if (t != null) {
            try {
                if (access.isTcp(socket)) {
                    t.connectStarted(socket, socket, api, (InetSocketAddress) remote);
                }
            } catch (Throwable e) {
                AgentFailures.record("connect", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /**
     * A native transport made {@code socket} for a connection its listener just accepted; both ends are asked of
     * the kernel (a Unix-domain connection has no internet address and is left alone).
     */
    public static void nativeAccepted(Object socket) {
        SocketApi api = NativeTransports.apiOf(socket);
        Tracking t = api != null ? enter(socket) : null;
        if (t != null) {
            try {
                InetSocketAddress remote = access.remoteAddress(socket);
                InetSocketAddress local = remote == null ? null : access.localAddress(socket);
                if (local != null) {
                    t.accepted(socket, socket, api, local, remote);
                }
            } catch (Throwable e) {
                AgentFailures.record("accept", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** Hot path, every read: counting bytes allocates nothing and needs no guard. */
    public static void read(Object fd, long result, Throwable failure) {
        Tracking t = tracker;
        if (t == null || fd == null) {
            return;
        }
        if (failure == null && result > 0) {
            try {
                t.read(fd, result);
            } catch (Throwable e) {
                AgentFailures.record("read", e);
            }
        } else if (failure != null || result == -1) {
            eventfulIo(fd, result, failure, "read");
        }
    }

    /** Hot path, every write. */
    public static void wrote(Object fd, long bytes, Throwable failure) {
        Tracking t = tracker;
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
            eventfulIo(fd, 0, failure, "write");
        }
    }

    /** A read or write that may change the state: it failed, or read the peer's FIN. */
    private static void eventfulIo(Object fd, long result, Throwable failure, String where) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                if (failure != null) {
                    t.ioFailed(fd, failure);
                } else {
                    t.read(fd, result);
                }
            } catch (Throwable e) {
                AgentFailures.record(where, e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    public static void inputShutdown(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.inputShutdown(fd);
            } catch (Throwable e) {
                AgentFailures.record("shutdownInput", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** shutdownOutput() on an open output, before the JDK shuts it. */
    public static void shuttingOutput(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.shuttingOutput(fd);
            } catch (Throwable e) {
                AgentFailures.record("shutdownOutput", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    public static void outputShutdown(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.outputShutdown(fd);
            } catch (Throwable e) {
                AgentFailures.record("shutdownOutput", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /** See {@link Tracking#closing}; {@link #closed} follows when the close call returns. */
    public static void closing(Object fd, boolean descriptorStaysOpen) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.closing(fd, descriptorStaysOpen);
            } catch (Throwable e) {
                AgentFailures.record("close", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    public static void closeImminent(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.closeImminent(fd);
            } catch (Throwable e) {
                AgentFailures.record("close", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    public static void closed(Object fd) {
        Tracking t = enter(fd);
        if (t != null) {
            try {
                t.closed(fd);
            } catch (Throwable e) {
                AgentFailures.record("close", e);
            } finally {
                ReentrancyGuard.exit();
            }
        }
    }

    /**
     * Starts a state-changing call: the tracker, once per thread at a time, or null when there is nothing to do
     * (no socket, agent not installed, or this thread is inside the agent already). The caller then calls the
     * tracker directly, containing every failure and calling {@link ReentrancyGuard#exit()}: no helper frame
     * between the socket call and the tracker, because JFR walks every frame of each transition's stack trace.
     */
    private static Tracking enter(Object socket) {
        Tracking t = tracker;
        return t != null && socket != null && ReentrancyGuard.enter() ? t : null;
    }
}
