package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.nio.channels.CompletionHandler;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}: the connect and close of every
 * {@code AsynchronousSocketChannel} on Linux and macOS. An asynchronous connect completes on an event thread and
 * never throws to its caller: {@code setConnected} is the one place that knows it succeeded (and runs before the
 * application's Future completes), and a failure shows as the JDK closing the channel inside the connect call.
 */
public final class UnixAsynchronousSocketChannelImplInstrumentation implements SocketInstrumentation {

    /** {@code AsynchronousSocketChannelImpl.ST_CONNECTED}. */
    static final int CONNECTED = 2;

    @Override
    public String typeName() {
        return "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("implConnect(SocketAddress,Object,CompletionHandler)", named("implConnect")
                        .and(takesArguments(SocketAddress.class, Object.class, CompletionHandler.class)),
                        ImplConnect.class),
                new Hook("setConnected()", named("setConnected").and(takesArguments(0)), SetConnected.class),
                new Hook("finishConnect(boolean)", named("finishConnect").and(takesArguments(boolean.class)),
                        FinishConnect.class),
                new Hook("implClose()", named("implClose").and(takesArguments(0)), SharedAdvice.Close.class));
    }

    static final class ImplConnect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                          @Advice.Argument(0) SocketAddress remote) {
            TcpBridge.connecting(self, fd, remote, SocketApi.ASYNC_SOCKET_CHANNEL);
        }

        /** Connected at once, still pending (an event thread finishes it), or failed and closed. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.FieldValue("state") int state,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, state == CONNECTED, thrown);
        }
    }

    static final class SetConnected {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, thrown == null, thrown);
        }
    }

    /** The event thread's completion of a pending connect; on failure the JDK has closed the channel. */
    static final class FinishConnect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.connectResuming(fd);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.FieldValue("state") int state) {
            TcpBridge.connectReturned(fd, state == CONNECTED, null);
        }
    }
}
