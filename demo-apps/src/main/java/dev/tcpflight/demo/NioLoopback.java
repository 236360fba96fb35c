package dev.tcpflight.demo;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * {@link Loopback} for the selector-driven channel scenarios: non-blocking channels on 127.0.0.1, and a select that
 * gives up after {@link Loopback#TIMEOUT_MS} instead of blocking forever.
 */
final class NioLoopback {

    private NioLoopback() {
    }

    /** A non-blocking listener on an OS-chosen port: bind() on a server channel is also its listen(). */
    static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.configureBlocking(false);
            listener.bind(new InetSocketAddress(Loopback.ADDRESS, 0));
            return listener;
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    static InetSocketAddress address(NetworkChannel channel) throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Waits until at least one registered channel is ready; its keys are in {@code selector.selectedKeys()}. */
    static void select(Selector selector) throws IOException, TimeoutException {
        if (selector.select(Loopback.TIMEOUT_MS) == 0) {
            throw new TimeoutException("no channel became ready within " + Loopback.TIMEOUT_MS + " ms");
        }
    }

    /**
     * Connects a non-blocking {@code channel} the selector way: connect() only sends the SYN and returns false,
     * OP_CONNECT says the handshake has ended, finishConnect() completes the connect.
     */
    static void connect(SocketChannel channel, Selector selector, InetSocketAddress remote)
            throws IOException, TimeoutException {
        if (channel.connect(remote)) {
            // The scenarios promise SYN_SENT in between; Linux never completes a non-blocking TCP connect at once.
            throw new IllegalStateException("connect() completed at once: no SYN_SENT to show on this OS");
        }
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
        select(selector);
        selector.selectedKeys().clear();
        if (!channel.finishConnect()) {
            throw new IllegalStateException("OP_CONNECT was ready but finishConnect() returned false");
        }
        key.interestOps(0);
    }

    static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String ascii(ByteBuffer buffer) {
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    /**
     * Writes all of {@code data} in one non-blocking write. A few bytes always fit in an empty send buffer; a real
     * program would keep the rest and wait for OP_WRITE instead of failing.
     */
    static void write(SocketChannel channel, ByteBuffer data) throws IOException {
        channel.write(data);
        if (data.hasRemaining()) {
            throw new IllegalStateException(data.remaining() + " bytes did not fit in the send buffer");
        }
    }

    /**
     * Reads exactly the length of {@code expected}, waiting for OP_READ on {@code channel}'s key in {@code selector},
     * and checks it. Like {@link Loopback#receive}, never reads further, so never sees the peer's FIN.
     */
    static String receive(SocketChannel channel, Selector selector, String expected)
            throws IOException, TimeoutException {
        ByteBuffer data = ByteBuffer.allocate(expected.length());
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        while (data.hasRemaining()) {
            select(selector);
            selector.selectedKeys().clear();
            if (channel.read(data) == -1) {
                throw new EOFException("peer closed after " + data.position() + " of " + data.capacity() + " bytes");
            }
        }
        key.interestOps(0);
        return Loopback.checked(expected, ascii(data.flip()));
    }
}
