package dev.tcpflight.agent.it.programs;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child program: a Netty 4.2 echo server and {@link #CLIENTS} clients, both on the native epoll transport, on
 * 127.0.0.1, one connection after the other. Each client sends {@link #MESSAGE}, reads the whole echo and closes
 * first; the server closes its side when it reads the EOF. With a file name argument, the server is bound (Netty's
 * native classes loaded), "ready" printed, and the clients wait for that file: the agent is attached meanwhile.
 * With the argument {@code reset}, one client with SO_LINGER 0 does the same: its close sends an RST, which the
 * server's next read meets.
 */
public final class NettyEpollEcho {

    public static final int CLIENTS = 3;
    public static final byte[] MESSAGE = "hello epoll".getBytes();

    /** Sends the message when connected, closes once the whole echo is back. */
    private static final class Client extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Void> echoed = new CompletableFuture<>();
        private int received;

        @Override
        public void channelActive(ChannelHandlerContext context) {
            context.writeAndFlush(Unpooled.wrappedBuffer(MESSAGE));
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            received += bytes.readableBytes();
            bytes.release();
            if (received == MESSAGE.length) {
                context.close().addListener(closed -> echoed.complete(null));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Epoll.ensureAvailability();
        EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        boolean reset = args.length > 0 && args[0].equals("reset");
        int clients = reset ? 1 : CLIENTS;
        CountDownLatch closedByServer = new CountDownLatch(clients);
        try {
            Channel server = new ServerBootstrap().group(serverGroup).channel(EpollServerSocketChannel.class)
                    .childHandler(new NettyEchoHandler(closedByServer))
                    .bind(InetAddress.getByName("127.0.0.1"), 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            if (args.length > 0 && !reset) {
                System.out.println("ready");
                awaitFile(Path.of(args[0]));
            }
            for (int i = 0; i < clients; i++) {
                Client client = new Client();
                Bootstrap bootstrap = new Bootstrap().group(clientGroup).channel(EpollSocketChannel.class)
                        .handler(client);
                if (reset) {
                    bootstrap.option(ChannelOption.SO_LINGER, 0);
                }
                bootstrap.connect(InetAddress.getByName("127.0.0.1"), port).sync();
                client.echoed.get(10, TimeUnit.SECONDS);
            }
            if (!closedByServer.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not close every connection");
            }
            server.close().sync();
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never told to go on: " + file);
            }
            Thread.sleep(20);
        }
    }
}
