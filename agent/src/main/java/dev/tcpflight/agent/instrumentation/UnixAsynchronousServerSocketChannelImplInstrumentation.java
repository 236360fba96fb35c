package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixAsynchronousServerSocketChannelImpl}: accept and close of every
 * {@code AsynchronousServerSocketChannel} on Linux and macOS. {@code finishAccept} takes a third argument
 * (an AccessControlContext) on JDK 17 and not on 25, so it is matched by its first two.
 */
public final class UnixAsynchronousServerSocketChannelImplInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                // Called both for an accept that completes at once and from the event thread.
                new Hook("finishAccept(FileDescriptor,InetSocketAddress,...)", named("finishAccept")
                        .and(takesArgument(0, FileDescriptor.class)), FinishAccept.class),
                new Hook("implClose()", named("implClose"), SharedAdvice.Close.class));
    }

    static final class FinishAccept {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor acceptedFd, @Advice.Argument(1) SocketAddress remote,
                         @Advice.Return Object accepted, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.acceptedChannel(accepted, acceptedFd, remote, SocketApi.ASYNC_SOCKET_CHANNEL);
            }
        }
    }
}
