package dev.tcpflight.agent.instrumentation;

import dev.tcpflight.agent.bridge.TcpBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice used by several JDK socket classes that keep their file descriptor in a field named {@code fd} and
 * their half-close flags in {@code isInputClosed} / {@code isOutputClosed} (NioSocketImpl, SocketChannelImpl).
 */
final class SharedAdvice {

    private SharedAdvice() {
    }

    /** A read returning an int: bytes, -1 at end of stream, 0 when a non-blocking read found nothing. */
    static final class ReadInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return int result,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.read(fd, result, thrown);
        }
    }

    /** A scattering read: bytes, -1 at end of stream. */
    static final class ReadLong {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return long result,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.read(fd, result, thrown);
        }
    }

    /** A write that returns how much it wrote. */
    static final class WriteInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return int written,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(fd, written, thrown);
        }
    }

    /** A gathering write. */
    static final class WriteLong {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return long written,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(fd, written, thrown);
        }
    }

    /** {@code (byte[] b, int off, int len)} that writes all of {@code len} unless it throws. */
    static final class WriteFully {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(2) int length,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(fd, length, thrown);
        }
    }

    /** Repeated shutdowns are no-ops in the JDK: only the first one counts. */
    static final class ShutdownInput {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("isInputClosed") boolean inputClosed) {
            return !inputClosed;
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
        static boolean enter(@Advice.FieldValue("isOutputClosed") boolean outputClosed,
                             @Advice.FieldValue("fd") FileDescriptor fd) {
            if (!outputClosed) {
                TcpBridge.shuttingOutput(fd);
            }
            return !outputClosed;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (wasOpen && thrown == null) {
                TcpBridge.outputShutdown(fd);
            }
        }
    }

    /**
     * A close method the JDK runs once per channel, closing the descriptor within it: asked on entry, while the
     * socket can still be asked, recorded on return, once the close has happened.
     */
    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.closing(fd, false);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.closed(fd);
        }
    }

    /**
     * {@code setOption(SocketOption, Object)}, or {@code SocketImpl.setOption(int, Object)} (its option boxed):
     * only SO_LINGER matters, whether it was switched on.
     */
    static final class OptionSet {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object option,
                         @Advice.Argument(1) Object value,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.optionSet(option, value);
            }
        }
    }
}
