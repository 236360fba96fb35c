package dev.tcpflight.bench.workload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Selector-driven echo server: one thread, non-blocking channels, each echoes what has arrived. */
final class NioEchoServer implements EchoServer {

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final int size;

    NioEchoServer(int size) throws IOException {
        this.size = size;
        selector = Selector.open();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(EchoServer.loopback(), 0));
        listener.configureBlocking(false).register(selector, SelectionKey.OP_ACCEPT);
        EchoServer.daemon("nio-echo", this::serve);
    }

    private void serve() throws IOException {
        while (selector.isOpen()) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                if (key.isAcceptable()) {
                    accept();
                } else if (key.isValid()) {
                    echo(key);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = listener.accept();
        if (channel != null) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false).register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(size));
        }
    }

    /** Reads what arrived and writes it back; waits for OP_WRITE only when the socket buffer is full. */
    private static void echo(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        if (key.isReadable()) {
            if (channel.read(buffer) < 0) {
                channel.close();
                return;
            }
            buffer.flip();
        }
        channel.write(buffer);
        if (buffer.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(EchoServer.loopback(), listener.socket().getLocalPort());
    }

    @Override
    public void close() throws IOException {
        selector.close();
        listener.close();
    }
}
