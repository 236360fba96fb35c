package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** {@code sun.nio.ch.AsynchronousServerSocketChannelImpl}: bind, which also listens, on every platform. */
public final class AsynchronousServerSocketChannelImplInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.AsynchronousServerSocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(new Hook("bind(SocketAddress,int)",
                named("bind").and(takesArguments(SocketAddress.class, int.class)), Bind.class));
    }

    static final class Bind {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.listened(self, fd, SocketApi.ASYNC_SERVER_SOCKET_CHANNEL);
            }
        }
    }
}
