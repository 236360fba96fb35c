package dev.tcpflight.agent.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.AcceptHandOff;
import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.instrumentation.Hook;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code io.netty.channel.unix.Socket}, and any relocated copy: the calls of Netty's native transports that
 * change a TCP state (epoll's {@code LinuxSocket} inherits all of them; the bridge tracks epoll's sockets only).
 * Netty calls the kernel through JNI here, never through the JDK's socket classes. The socket object itself is
 * the key of every call. {@code bind} is no TCP state and is not hooked.
 */
public final class NettySocketInstrumentation implements SocketInstrumentation {

    /** Netty's own bits in its {@code state} field (of {@code FileDescriptor}). */
    static final int STATE_CLOSED = NettyFileDescriptorInstrumentation.STATE_CLOSED;
    static final int STATE_INPUT_SHUT = 1 << 1;
    static final int STATE_OUTPUT_SHUT = 1 << 2;

    @Override
    public String typeName() {
        return "io.netty.channel.unix.Socket";
    }

    @Override
    public String nameSuffix() {
        return ".netty.channel.unix.Socket";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("Socket(int)", isConstructor().and(takesArguments(int.class)), Made.class),
                new Hook("connect(SocketAddress)", named("connect").and(takesArguments(SocketAddress.class)),
                        Connect.class),
                new Hook("finishConnect()", named("finishConnect").and(takesArguments(0)), FinishConnect.class),
                new Hook("listen(int)", named("listen").and(takesArguments(int.class)), Listen.class),
                new Hook("accept(byte[])", named("accept").and(takesArguments(byte[].class)), Accept.class),
                new Hook("shutdown(boolean,boolean)",
                        named("shutdown").and(takesArguments(boolean.class, boolean.class)), Shutdown.class),
                new Hook("recv(ByteBuffer,int,int)",
                        named("recv").and(takesArguments(ByteBuffer.class, int.class, int.class)),
                        NettyIoAdvice.ReadInt.class),
                new Hook("recvAddress(long,int,int)",
                        named("recvAddress").and(takesArguments(long.class, int.class, int.class)),
                        NettyIoAdvice.ReadInt.class),
                new Hook("send(ByteBuffer,int,int)",
                        named("send").and(takesArguments(ByteBuffer.class, int.class, int.class)),
                        NettyIoAdvice.WriteInt.class),
                new Hook("sendAddress(long,int,int)",
                        named("sendAddress").and(takesArguments(long.class, int.class, int.class)),
                        NettyIoAdvice.WriteInt.class),
                new Hook("setSoLinger(int)", named("setSoLinger").and(takesArguments(int.class)), LingerSet.class));
    }

    /** Whether any socket has SO_LINGER on (ChannelOption.SO_LINGER, an accepted child's option too). */
    static final class LingerSet {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) int seconds, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.lingerSet(seconds);
            }
        }
    }

    /**
     * Every Netty socket object is made here, the accepted ones too, right after their accept: at the exit of the
     * constructor (a constructor's exit advice cannot catch what it throws, so none is asked for).
     */
    static final class Made {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Argument(0) int fd) {
            AcceptHandOff.socketMade(socket, fd);
        }
    }

    /** True: connected at once; false: pending (EINPROGRESS), finished by finishConnect; thrown: failed. */
    static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object socket, @Advice.Argument(0) SocketAddress remote) {
            TcpBridge.nativeConnecting(socket, remote);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Return boolean connected,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(socket, connected, thrown);
        }
    }

    static final class FinishConnect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object socket) {
            TcpBridge.connectResuming(socket);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Return boolean connected,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(socket, connected, thrown);
        }
    }

    static final class Listen {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                TcpBridge.nativeListened(socket);
            }
        }
    }

    /** Returns the accepted descriptor's number, -1 when none was waiting; its socket object is made next. */
    static final class Accept {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return int fd, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                AcceptHandOff.accepted(fd);
            }
        }
    }

    /**
     * Netty shuts down only the directions not shut yet, and nothing on a closed socket: the directions that
     * change are read from its state on entry (bit 1 input, bit 2 output), and our FIN is announced before it is
     * sent, as for the JDK's shutdownOutput.
     */
    static final class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.This Object socket, @Advice.Argument(0) boolean input,
                         @Advice.Argument(1) boolean output, @Advice.FieldValue("state") int state) {
            if ((state & STATE_CLOSED) != 0) {
                return 0;
            }
            int opening = (input && (state & STATE_INPUT_SHUT) == 0 ? STATE_INPUT_SHUT : 0)
                    | (output && (state & STATE_OUTPUT_SHUT) == 0 ? STATE_OUTPUT_SHUT : 0);
            if ((opening & STATE_OUTPUT_SHUT) != 0) {
                TcpBridge.shuttingOutput(socket);
            }
            return opening;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.Enter int shutting, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                return;
            }
            if ((shutting & STATE_INPUT_SHUT) != 0) {
                TcpBridge.inputShutdown(socket);
            }
            if ((shutting & STATE_OUTPUT_SHUT) != 0) {
                TcpBridge.outputShutdown(socket);
            }
        }
    }
}
