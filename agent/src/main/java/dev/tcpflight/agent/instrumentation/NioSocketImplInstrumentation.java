package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.NioSocketImpl}: the implementation behind every {@code java.net.Socket} and
 * {@code ServerSocket} on JDK 17 to 25. Hooking it rather than the public classes sees each call once: the
 * public classes and {@code SocksSocketImpl} only delegate here. {@code bind} is not hooked: binding changes
 * no TCP state; a listener starts at {@code listen}.
 */
public final class NioSocketImplInstrumentation implements SocketInstrumentation {

    /** {@code NioSocketImpl.state} values that mean "open": UNCONNECTED, CONNECTING, CONNECTED. */
    static final int FIRST_OPEN_STATE = 1;
    static final int LAST_OPEN_STATE = 3;

    @Override
    public String typeName() {
        return "sun.nio.ch.NioSocketImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("listen(int)", named("listen").and(takesArguments(int.class)), Listen.class),
                // connect(String,int) and connect(InetAddress,int) delegate to this one.
                new Hook("connect(SocketAddress,int)",
                        named("connect").and(takesArguments(SocketAddress.class, int.class)), Connect.class),
                // The argument is the new socket's impl, already connected when accept returns.
                new Hook("accept(SocketImpl)", named("accept").and(takesArguments(SocketImpl.class)), Accept.class),
                // Not implRead: its descriptor differs between JDK 17 and 25; read(byte[],int,int) is stable.
                new Hook("read(byte[],int,int)", named("read").and(isPrivate())
                        .and(takesArguments(byte[].class, int.class, int.class)), SharedAdvice.ReadInt.class),
                // Not implWrite: write loops over it in chunks, so this sees one call per application write.
                new Hook("write(byte[],int,int)", named("write").and(isPrivate())
                        .and(takesArguments(byte[].class, int.class, int.class)), SharedAdvice.WriteFully.class),
                new Hook("shutdownInput()", named("shutdownInput").and(takesArguments(0)),
                        SharedAdvice.ShutdownInput.class),
                new Hook("shutdownOutput()", named("shutdownOutput").and(takesArguments(0)),
                        SharedAdvice.ShutdownOutput.class),
                new Hook("close()", named("close").and(takesArguments(0)), Close.class),
                // What Socket.setSoLinger calls, and Socket.setOption: whether any socket has SO_LINGER on.
                new Hook("setOption(int,Object)", named("setOption").and(takesArguments(int.class, Object.class)),
                        SharedAdvice.OptionSet.class),
                new Hook("setOption(SocketOption,Object)",
                        named("setOption").and(takesArguments(SocketOption.class, Object.class)),
                        SharedAdvice.OptionSet.class));
    }

    static final class Listen {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.listened(self, fd, SocketApi.SERVER_SOCKET);
            }
        }
    }

    static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                          @Advice.Argument(0) SocketAddress remote) {
            TcpBridge.connecting(self, fd, remote, SocketApi.SOCKET);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, thrown == null, thrown);
        }
    }

    static final class Accept {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object accepted, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.acceptedImpl(accepted, SocketApi.SOCKET);
            }
        }
    }

    /**
     * Asked on entry, while the socket can still be asked, recorded on return. close() is idempotent and nested
     * (a failed connect closes inside connect): only a close of an open socket counts.
     */
    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("state") int state, @Advice.FieldValue("fd") FileDescriptor fd) {
            boolean open = state >= FIRST_OPEN_STATE && state <= LAST_OPEN_STATE;
            if (open) {
                TcpBridge.closing(fd, false);
            }
            return open;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.FieldValue("fd") FileDescriptor fd) {
            if (wasOpen) {
                TcpBridge.closed(fd);
            }
        }
    }
}
