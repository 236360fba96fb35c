package dev.tcpflight.agent.jdk;

import dev.tcpflight.agent.bridge.SocketInspection;
import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.tracking.PeerSignal;
import dev.tcpflight.agent.tracking.SocketProbe;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the advice cannot pass by itself from JDK internals: an accepted {@code SocketImpl}'s file
 * descriptor, and a socket's local address, SO_LINGER, descriptor number and waiting FIN or RST straight from
 * its file descriptor (a native transport's key through a JDK descriptor for its number: {@code sun.nio.ch.Net},
 * a getsockname/getsockopt/poll, no locks). The agent opens the two packages to itself
 * through {@link Instrumentation#redefineModule}, so users need no {@code --add-opens}.
 */
public final class JdkSocketAccess implements SocketProbe, SocketInspection {

    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    // <poll.h> on Linux, every architecture the JDK supports
    private static final int POLLIN = 0x1;
    private static final int POLLERR = 0x8;
    private static final int POLLRDHUP = 0x2000;

    /** Opens java.net and sun.nio.ch to the agent's module; call once, before the first socket call is seen. */
    public static void openInternals(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Set<Module> agent = Set.of(JdkSocketAccess.class.getModule());
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("java.net", agent, "sun.nio.ch", agent), Set.of(), Map.of());
    }

    /** Resolved on first use, when the application's first socket call has already initialised sun.nio.ch.Net. */
    private static final class Handles {
        static final VarHandle SOCKET_IMPL_FD;
        static final VarHandle SOCKET_IMPL_ADDRESS;
        static final VarHandle SOCKET_IMPL_PORT;
        static final VarHandle SOCKET_IMPL_LOCAL_PORT;
        static final Class<?> SOCKET_CHANNEL_IMPL;
        static final VarHandle CHANNEL_LOCAL_ADDRESS;
        static final MethodHandle LOCAL_INET_ADDRESS;
        static final MethodHandle LOCAL_ADDRESS;
        static final MethodHandle REMOTE_ADDRESS;
        static final MethodHandle GET_OPTION;
        static final MethodHandle FD_VAL;
        static final MethodHandle NEW_FD;
        static final MethodHandle POLL;
        static final MethodHandle AVAILABLE;

        static {
            try {
                MethodHandles.Lookup own = MethodHandles.lookup();
                MethodHandles.Lookup inSocketImpl = MethodHandles.privateLookupIn(SocketImpl.class, own);
                SOCKET_IMPL_FD = inSocketImpl.findVarHandle(SocketImpl.class, "fd", FileDescriptor.class);
                SOCKET_IMPL_ADDRESS = inSocketImpl.findVarHandle(SocketImpl.class, "address", InetAddress.class);
                SOCKET_IMPL_PORT = inSocketImpl.findVarHandle(SocketImpl.class, "port", int.class);
                SOCKET_IMPL_LOCAL_PORT = inSocketImpl.findVarHandle(SocketImpl.class, "localport", int.class);
                SOCKET_CHANNEL_IMPL = Class.forName("sun.nio.ch.SocketChannelImpl");
                CHANNEL_LOCAL_ADDRESS = MethodHandles.privateLookupIn(SOCKET_CHANNEL_IMPL, own)
                        .findVarHandle(SOCKET_CHANNEL_IMPL, "localAddress", SocketAddress.class);
                Class<?> net = Class.forName("sun.nio.ch.Net");
                MethodHandles.Lookup inNet = MethodHandles.privateLookupIn(net, own);
                LOCAL_INET_ADDRESS = inNet.findStatic(net, "localInetAddress",
                        MethodType.methodType(InetAddress.class, FileDescriptor.class));
                MethodType addressOfFd = MethodType.methodType(InetSocketAddress.class, FileDescriptor.class);
                LOCAL_ADDRESS = inNet.findStatic(net, "localAddress", addressOfFd);
                REMOTE_ADDRESS = inNet.findStatic(net, "remoteAddress", addressOfFd);
                GET_OPTION = inNet.findStatic(net, "getSocketOption",
                        MethodType.methodType(Object.class, FileDescriptor.class, SocketOption.class));
                POLL = inNet.findStatic(net, "poll",
                        MethodType.methodType(int.class, FileDescriptor.class, int.class, long.class));
                AVAILABLE = inNet.findStatic(net, "available", MethodType.methodType(int.class, FileDescriptor.class));
                Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
                MethodHandles.Lookup inIoUtil = MethodHandles.privateLookupIn(ioUtil, own);
                FD_VAL = inIoUtil.findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
                NEW_FD = inIoUtil.findStatic(ioUtil, "newFD", MethodType.methodType(FileDescriptor.class, int.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** The file descriptor of a {@code java.net.SocketImpl}, e.g. the one an accept just filled in. */
    @Override
    public FileDescriptor fileDescriptorOf(Object socketImpl) {
        return (FileDescriptor) Handles.SOCKET_IMPL_FD.get((SocketImpl) socketImpl);
    }

    /**
     * Our end of a connection a {@code java.net.SocketImpl} accept just filled in: the JDK keeps its port in the
     * impl, so one getsockname for the address instead of {@link #localAddress}'s two.
     */
    @Override
    public InetSocketAddress acceptedImplLocalAddress(Object socketImpl, FileDescriptor fd) {
        try {
            InetAddress address = (InetAddress) Handles.LOCAL_INET_ADDRESS.invokeExact(fd);
            return new InetSocketAddress(address, (int) Handles.SOCKET_IMPL_LOCAL_PORT.get((SocketImpl) socketImpl));
        } catch (IOException e) {
            return null; // closed meanwhile
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read socket address", e);
        }
    }

    /** The peer of a {@code java.net.SocketImpl} an accept just filled in, as the JDK stored it: no system call. */
    @Override
    public InetSocketAddress acceptedImplRemoteAddress(Object socketImpl, FileDescriptor fd) {
        InetAddress address = (InetAddress) Handles.SOCKET_IMPL_ADDRESS.get((SocketImpl) socketImpl);
        return address == null ? remoteAddress(fd)
                : new InetSocketAddress(address, (int) Handles.SOCKET_IMPL_PORT.get((SocketImpl) socketImpl));
    }

    /**
     * Our end of a channel a server channel just accepted: the JDK's {@code SocketChannelImpl} stored it when it
     * was made, so no system call; for another kind of channel (asynchronous), asked of the kernel.
     */
    @Override
    public InetSocketAddress acceptedChannelLocalAddress(Object channel, FileDescriptor fd) {
        if (channel.getClass() == Handles.SOCKET_CHANNEL_IMPL
                && Handles.CHANNEL_LOCAL_ADDRESS.get(channel) instanceof InetSocketAddress local) {
            return local;
        }
        return localAddress(fd);
    }

    /**
     * The JDK descriptor to ask the kernel through: the key itself, or for a native transport's key (Netty) a
     * new JDK descriptor object for its number, made per question. That object has no cleaner: dropping it never
     * closes the descriptor, which stays the transport's. Null once the transport has closed it.
     */
    private static FileDescriptor descriptor(Object key) throws Throwable {
        if (key instanceof FileDescriptor fd) {
            return fd;
        }
        int number = NativeDescriptors.number(key);
        return number < 0 ? null : (FileDescriptor) Handles.NEW_FD.invokeExact(number);
    }

    /** True for a TCP socket: only TCP has the TCP_NODELAY option (a UDP or Unix-domain socket refuses it). */
    @Override
    public boolean isTcp(Object key) {
        return option(key, StandardSocketOptions.TCP_NODELAY) instanceof Boolean;
    }

    @Override
    public InetSocketAddress localAddress(Object key) {
        return address(Handles.LOCAL_ADDRESS, key);
    }

    @Override
    public InetSocketAddress remoteAddress(Object key) {
        return address(Handles.REMOTE_ADDRESS, key);
    }

    @Override
    public int fdNumber(Object key) {
        try {
            return key instanceof FileDescriptor fd ? (int) Handles.FD_VAL.invokeExact(fd)
                    : NativeDescriptors.number(key);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** True where {@link #peerSignal} can ask the kernel (Linux). */
    public boolean canAskForPeerClose() {
        return LINUX;
    }

    /**
     * One {@code poll(2)} with timeout 0 ({@code sun.nio.ch.Net.poll} passes the event bits to the kernel and
     * returns its answer as is): POLLRDHUP means the peer's FIN has arrived, POLLERR a pending error, which on an
     * open TCP connection is the peer's RST, and POLLIN alone bytes waiting. POLLRDHUP is Linux's; elsewhere the
     * kernel is not asked.
     */
    @Override
    public PeerSignal peerSignal(Object key) {
        if (!LINUX || key == null) { // Net.poll dereferences the descriptor object without a check
            return PeerSignal.UNKNOWN;
        }
        try {
            FileDescriptor fd = descriptor(key);
            if (fd == null) {
                return PeerSignal.UNKNOWN;
            }
            int revents = (int) Handles.POLL.invokeExact(fd, POLLIN | POLLRDHUP, 0L);
            return (revents & POLLERR) != 0 ? PeerSignal.RESET
                    : (revents & POLLRDHUP) != 0 ? PeerSignal.FIN
                    : (revents & POLLIN) != 0 ? PeerSignal.DATA : PeerSignal.NONE;
        } catch (IOException e) {
            return PeerSignal.UNKNOWN; // closed meanwhile
        } catch (Throwable e) {
            throw new IllegalStateException("cannot poll socket", e);
        }
    }

    /** {@code ioctl(FIONREAD)}; only on Linux, whose close sends RST when unread data is waiting. */
    @Override
    public int unreadBytes(Object key) {
        if (!LINUX) {
            return 0;
        }
        try {
            FileDescriptor fd = descriptor(key);
            return fd == null ? 0 : (int) Handles.AVAILABLE.invokeExact(fd);
        } catch (IOException e) {
            return 0;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot ask for unread bytes", e);
        }
    }

    @Override
    public boolean resetsOnClose(Object key) {
        // Asked of the kernel only once the application may have switched SO_LINGER on: a getsockopt a close
        // saved otherwise. Null when already closed: nothing will be sent.
        return TcpBridge.lingerMayBeOn()
                && option(key, StandardSocketOptions.SO_LINGER) instanceof Integer seconds && seconds == 0;
    }

    /** A socket option's value, or null when the socket is closed or refuses the option. */
    private static Object option(Object key, SocketOption<?> option) {
        try {
            FileDescriptor fd = descriptor(key);
            return fd == null ? null : (Object) Handles.GET_OPTION.invokeExact(fd, option);
        } catch (IOException e) {
            return null;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + option, e);
        }
    }

    private static InetSocketAddress address(MethodHandle handle, Object key) {
        try {
            FileDescriptor fd = descriptor(key);
            return fd == null ? null : (InetSocketAddress) handle.invokeExact(fd);
        } catch (IOException e) {
            return null; // closed or not connected
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read socket address", e);
        }
    }
}
