package dev.tcpflight.agent.instrumentation.netty;

import dev.tcpflight.agent.bridge.TcpBridge;
import net.bytebuddy.asm.Advice;

/**
 * The read and write advice of Netty's native sockets, keyed by the Netty descriptor object itself
 * ({@code this}: a {@code Socket} is a {@code FileDescriptor}). Netty's reads return -1 at the peer's FIN and 0
 * when nothing was waiting (EAGAIN); its failures are thrown. Only counts reach the bridge, never the buffers.
 */
final class NettyIoAdvice {

    private NettyIoAdvice() {
    }

    static final class ReadInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Return int result, @Advice.Thrown Throwable thrown) {
            TcpBridge.read(socket, result, thrown);
        }
    }

    static final class WriteInt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Return int written, @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(socket, written, thrown);
        }
    }

    /** A gathering write, or sendfile. */
    static final class WriteLong {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Return long written, @Advice.Thrown Throwable thrown) {
            TcpBridge.wrote(socket, written, thrown);
        }
    }
}
