package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.ServerSocketChannelImpl}: every {@code ServerSocketChannel}, and its {@code socket()} adaptor
 * (whose bind and accept land here too). Unix-domain server channels share the class and are skipped.
 */
public final class ServerSocketChannelImplInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.ServerSocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                // bind does the listen() system call too: a bound server channel is listening.
                new Hook("bind(SocketAddress,int)", named("bind").and(takesArguments(SocketAddress.class, int.class)),
                        Bind.class),
                // The one funnel of accept(), the adaptor's timed accept, selector-driven and blocking alike.
                new Hook("finishAccept(FileDescriptor,SocketAddress)", named("finishAccept")
                        .and(takesArguments(FileDescriptor.class, SocketAddress.class)), FinishAccept.class),
                new Hook("implCloseSelectableChannel()",
                        named("implCloseSelectableChannel").and(takesArguments(0)), SharedAdvice.Close.class));
    }

    static final class Bind {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.FieldValue("family") ProtocolFamily family, @Advice.Thrown Throwable thrown) {
            if (thrown == null && family != StandardProtocolFamily.UNIX) {
                TcpBridge.listened(self, fd, SocketApi.SERVER_SOCKET_CHANNEL);
            }
        }
    }

    static final class FinishAccept {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor acceptedFd, @Advice.Argument(1) SocketAddress remote,
                         @Advice.Return Object accepted, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.acceptedChannel(accepted, acceptedFd, remote, SocketApi.SOCKET_CHANNEL);
            }
        }
    }
}
