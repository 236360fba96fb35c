package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.SocketChannelImpl}: every {@code SocketChannel}, blocking or selector-driven, and the
 * {@code socket()} adaptor and {@code Channels.newInputStream/OutputStream} views, which call the package-private
 * {@code blocking*} methods instead of the public ones. Unix-domain channels share this class; they are skipped
 * because their addresses are not {@code InetSocketAddress}es, so they are never registered.
 */
public final class SocketChannelImplInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "sun.nio.ch.SocketChannelImpl";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("connect(SocketAddress)", named("connect").and(takesArguments(SocketAddress.class)),
                        Connect.class),
                new Hook("finishConnect()", named("finishConnect").and(takesArguments(0)), FinishConnect.class),
                // The adaptor's connect(SocketAddress,int) comes here, not through connect(SocketAddress).
                new Hook("blockingConnect(SocketAddress,long)",
                        named("blockingConnect").and(takesArguments(SocketAddress.class, long.class)),
                        BlockingConnect.class),
                new Hook("read(ByteBuffer)", named("read").and(takesArguments(ByteBuffer.class)),
                        SharedAdvice.ReadInt.class),
                new Hook("read(ByteBuffer[],int,int)",
                        named("read").and(takesArguments(ByteBuffer[].class, int.class, int.class)),
                        SharedAdvice.ReadLong.class),
                new Hook("blockingRead(byte[],int,int,long)",
                        named("blockingRead").and(takesArguments(byte[].class, int.class, int.class, long.class)),
                        SharedAdvice.ReadInt.class),
                new Hook("write(ByteBuffer)", named("write").and(takesArguments(ByteBuffer.class)),
                        SharedAdvice.WriteInt.class),
                new Hook("write(ByteBuffer[],int,int)",
                        named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class)),
                        SharedAdvice.WriteLong.class),
                new Hook("blockingWriteFully(byte[],int,int)",
                        named("blockingWriteFully").and(takesArguments(byte[].class, int.class, int.class)),
                        SharedAdvice.WriteFully.class),
                new Hook("shutdownInput()", named("shutdownInput").and(takesArguments(0)),
                        SharedAdvice.ShutdownInput.class),
                new Hook("shutdownOutput()", named("shutdownOutput").and(takesArguments(0)),
                        SharedAdvice.ShutdownOutput.class),
                // Runs once per channel; AbstractInterruptibleChannel.close() would also catch FileChannels.
                new Hook("implCloseSelectableChannel()",
                        named("implCloseSelectableChannel").and(takesArguments(0)), Close.class),
                new Hook("tryClose()", named("tryClose").and(takesArguments(0)), TryClose.class),
                new Hook("setOption(SocketOption,Object)",
                        // not the compiler's bridge method with the interface's return type
                        named("setOption").and(takesArguments(SocketOption.class, Object.class)).and(not(isBridge())),
                        SharedAdvice.OptionSet.class));
    }

    static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                          @Advice.Argument(0) SocketAddress remote) {
            TcpBridge.connecting(self, fd, remote, SocketApi.SOCKET_CHANNEL);
        }

        /** true: connected; false: a non-blocking connect is pending until finishConnect. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return boolean connected,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, connected, thrown);
        }
    }

    static final class FinishConnect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.connectResuming(fd);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Return boolean connected,
                         @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, connected, thrown);
        }
    }

    static final class BlockingConnect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.FieldValue("fd") FileDescriptor fd,
                          @Advice.Argument(0) SocketAddress remote) {
            TcpBridge.connecting(self, fd, remote, SocketApi.SOCKET_CHANNEL);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown Throwable thrown) {
            TcpBridge.connectReturned(fd, thrown == null, thrown);
        }
    }

    /**
     * As {@link SharedAdvice.Close}, but a non-blocking channel still registered with a selector only has its
     * output shut now (FIN, unless SO_LINGER 0), its descriptor closed when the selector drops it: unread data
     * then cannot make this close send RST.
     */
    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This SelectableChannel self, @Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.closing(fd, !self.isBlocking() && self.isRegistered());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.closed(fd);
        }
    }

    /**
     * {@code tryClose()}: inside a close, after the JDK waited for readers and writers, it closes the descriptor, or
     * returns false when a selector still holds the channel, and the JDK shuts the output next. Either way our FIN
     * (or RST) follows at once: ask about the peer again now. Called later too, when a selector lets go of a channel
     * closed already; the tracker has forgotten it by then.
     */
    static final class TryClose {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("fd") FileDescriptor fd) {
            TcpBridge.closeImminent(fd);
        }
    }
}
