package dev.tcpflight.agent.it.programs;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child program: a Netty echo server on its NIO transport, driven by {@link #CLIENTS} plain java.net clients
 * that each send a message, read the echo and close first. Netty closes its side when it reads the EOF.
 */
public final class NettyEcho {

    public static final int CLIENTS = 3;
    private static final byte[] MESSAGE = "hello netty".getBytes();

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        CountDownLatch closedByNetty = new CountDownLatch(CLIENTS);
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new NettyEchoHandler(closedByNetty))
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            for (int i = 0; i < CLIENTS; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    client.setSoTimeout(5_000);
                    client.getOutputStream().write(MESSAGE);
                    new DataInputStream(client.getInputStream()).readFully(new byte[MESSAGE.length]);
                }
            }
            if (!closedByNetty.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Netty did not close every connection");
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
