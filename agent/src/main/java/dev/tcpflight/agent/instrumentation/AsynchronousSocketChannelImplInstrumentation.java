package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import java.io.FileDescriptor;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** {@code sun.nio.ch.AsynchronousSocketChannelImpl}: the half-closes, shared by every platform's async channel. */
public final class AsynchronousSocketChannelImplInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.AsynchronousSocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("shutdownInput()", named("shutdownInput").and(takesArguments(0)), ShutdownInput.class),
                new Hook("shutdownOutput()", named("shutdownOutput").and(takesArguments(0)), ShutdownOutput.class));
    }

    /** Repeated shutdowns are no-ops in the JDK: only the first one counts. */
    static final class ShutdownInput {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("readShutdown") boolean alreadyShut) {
            return !alreadyShut;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (wasOpen && thrown == null) {
                TcpBridge.inputShutdown(fd);
            }
        }
    }

    static final class ShutdownOutput {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("writeShutdown") boolean alreadyShut,
                             @Advice.FieldValue("fd") FileDescriptor fd) {
            if (!alreadyShut) {
                TcpBridge.shuttingOutput(fd);
            }
            return !alreadyShut;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (wasOpen && thrown == null) {
                TcpBridge.outputShutdown(fd);
            }
        }
    }
}
