package dev.tcpflight.agent.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.instrumentation.Hook;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code io.netty.channel.unix.FileDescriptor}, and any relocated copy: the reads, writes and the close that
 * every Netty native socket inherits (Netty 4.1 reads and writes through these; 4.2 reads through
 * {@code Socket.recv*}, writes through {@code Socket.send*} and the gathering {@code writev*} here). Pipes and
 * files are descriptors too: they are never tracked, so their calls find nothing and stop there.
 */
public final class NettyFileDescriptorInstrumentation implements SocketInstrumentation {

    /** Netty's own bit for a closed descriptor in its {@code state} field. */
    static final int STATE_CLOSED = 1;

    @Override
    public String typeName() {
        return "io.netty.channel.unix.FileDescriptor";
    }

    @Override
    public String nameSuffix() {
        return ".netty.channel.unix.FileDescriptor";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("read(ByteBuffer,int,int)",
                        named("read").and(takesArguments(ByteBuffer.class, int.class, int.class)),
                        NettyIoAdvice.ReadInt.class),
                new Hook("readAddress(long,int,int)",
                        named("readAddress").and(takesArguments(long.class, int.class, int.class)),
                        NettyIoAdvice.ReadInt.class),
                new Hook("write(ByteBuffer,int,int)",
                        named("write").and(takesArguments(ByteBuffer.class, int.class, int.class)),
                        NettyIoAdvice.WriteInt.class),
                new Hook("writeAddress(long,int,int)",
                        named("writeAddress").and(takesArguments(long.class, int.class, int.class)),
                        NettyIoAdvice.WriteInt.class),
                new Hook("writev(ByteBuffer[],int,int,long)",
                        named("writev").and(takesArguments(ByteBuffer[].class, int.class, int.class, long.class)),
                        NettyIoAdvice.WriteLong.class),
                new Hook("writevAddresses(long,int)",
                        named("writevAddresses").and(takesArguments(long.class, int.class)),
                        NettyIoAdvice.WriteLong.class),
                new Hook("close()", named("close").and(takesArguments(0)), Close.class));
    }

    /** Netty closes a descriptor once; later calls find it closed and do nothing, so only the first counts. */
    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object socket, @Advice.FieldValue("state") int state) {
            boolean open = (state & STATE_CLOSED) == 0;
            if (open) {
                TcpBridge.closing(socket, false);
            }
            return open;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.This Object socket) {
            if (wasOpen) {
                TcpBridge.closed(socket);
            }
        }
    }
}
