package dev.tcpflight.agent.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.instrumentation.Hook;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import java.util.List;

/**
 * {@code io.netty.channel.epoll.LinuxSocket}, and any relocated copy: its one TCP call of its own, sendfile
 * (a {@code DefaultFileRegion} written to the socket), whose bytes no other hook sees. Everything else a
 * LinuxSocket does it inherits from {@code Socket} and {@code FileDescriptor}, hooked there.
 */
public final class LinuxSocketInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "io.netty.channel.epoll.LinuxSocket";
    }

    @Override
    public String nameSuffix() {
        return ".netty.channel.epoll.LinuxSocket";
    }

    @Override
    public List<Hook> hooks() {
        // By argument count: the first parameter is Netty's DefaultFileRegion, under whatever package it was moved to.
        return List.of(new Hook("sendFile(DefaultFileRegion,long,long,long)",
                named("sendFile").and(takesArguments(4)), NettyIoAdvice.WriteLong.class));
    }
}
