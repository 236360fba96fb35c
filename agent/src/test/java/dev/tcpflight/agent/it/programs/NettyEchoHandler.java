package dev.tcpflight.agent.it.programs;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CountDownLatch;

/** A Netty server's child handler: echoes what it reads, counts the connections Netty has closed. */
@ChannelHandler.Sharable
final class NettyEchoHandler extends ChannelInboundHandlerAdapter {

    private final CountDownLatch closed;

    NettyEchoHandler(CountDownLatch closed) {
        this.closed = closed;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        context.writeAndFlush(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closed.countDown();
    }
}
