package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import java.io.FileDescriptor;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code sun.nio.ch.IOUtil}: the reads and writes of asynchronous socket channels. Those channels never report
 * I/O results to a method of their own that the agent could hook (results go to Futures and handlers), but the
 * four {@code IOUtil} overloads with an {@code async} flag are called by them and by nothing else in the JDK.
 * They may return -2 (went pending), which counts as nothing.
 */
public final class IOUtilInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.IOUtil";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("read(FileDescriptor,ByteBuffer,long,boolean,NativeDispatcher)",
                        asyncSingleBuffer("read"), ReadInt.class),
                new Hook("read(FileDescriptor,ByteBuffer[],boolean,NativeDispatcher)",
                        asyncBufferArray("read"), ReadLong.class),
                new Hook("write(FileDescriptor,ByteBuffer,long,boolean,NativeDispatcher)",
                        asyncSingleBuffer("write"), WriteInt.class),
                new Hook("write(FileDescriptor,ByteBuffer[],boolean,NativeDispatcher)",
                        asyncBufferArray("write"), WriteLong.class));
    }

    private static ElementMatcher.Junction<MethodDescription>
            asyncSingleBuffer(String name) {
        return named(name).and(isStatic()).and(takesArguments(5)).and(takesArgument(0, FileDescriptor.class))
                .and(takesArgument(1, ByteBuffer.class)).and(takesArgument(2, long.class))
                .and(takesArgument(3, boolean.class));
    }

    private static ElementMatcher.Junction<MethodDescription>
            asyncBufferArray(String name) {
        return named(name).and(isStatic()).and(takesArguments(4)).and(takesArgument(0, FileDescriptor.class))
                .and(takesArgument(1, ByteBuffer[].class)).and(takesArgument(2, boolean.class));
    }

    static final class ReadInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return int result,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.read(fd, result, thrown);
        }
    }

    static final class ReadLong {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return long result,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.read(fd, result, thrown);
        }
    }

    static final class WriteInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return int written,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(fd, written, thrown);
        }
    }

    static final class WriteLong {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return long written,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(fd, written, thrown);
        }
    }
}
