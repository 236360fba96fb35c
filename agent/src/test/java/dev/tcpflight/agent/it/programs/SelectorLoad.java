package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child program: a single-threaded selector echo server; args[0] clients connect first, all at once open, then
 * each sends one byte, reads it back and closes. The server closes each channel when it reads the client's EOF.
 */
public final class SelectorLoad {

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clients);
            Thread server = new Thread(() -> serve(listener, clients), "selector-loop");
            server.start();
            List<SocketChannel> open = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                open.add(SocketChannel.open(listener.getLocalAddress()));
            }
            for (SocketChannel client : open) {
                client.write(ByteBuffer.wrap(new byte[] {1}));
                if (client.read(ByteBuffer.allocate(1)) != 1) {
                    throw new IOException("no echo");
                }
                client.close();
            }
            server.join(TimeUnit.SECONDS.toMillis(20));
            if (server.isAlive()) {
                throw new IllegalStateException("server did not see every client close");
            }
        }
    }

    /** Echoes until it has seen {@code clients} EOFs, then returns. */
    static void serve(ServerSocketChannel listener, int clients) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int closed = 0;
        try (Selector selector = Selector.open()) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            ByteBuffer buffer = ByteBuffer.allocate(64);
            while (closed < clients && System.nanoTime() < deadline) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        for (SocketChannel accepted; (accepted = listener.accept()) != null; ) {
                            accepted.configureBlocking(false);
                            accepted.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        SocketChannel channel = (SocketChannel) key.channel();
                        buffer.clear();
                        if (channel.read(buffer) == -1) {
                            key.cancel();
                            channel.close();
                            closed++;
                        } else {
                            buffer.flip();
                            channel.write(buffer);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
