package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Child program: one client and one server on loopback exchange {@link #BYTES} bytes each way through one JDK
 * API, then one side closes first and the other follows after reading EOF.
 * Arguments: API (socket, channel, adaptor, selector, async), who closes first (client, server), address.
 */
public final class ApiEcho {

    public static final int BYTES = 1000;
    private static final long TIMEOUT_SECONDS = 10;

    /** The few operations the exchange needs, over any API. */
    interface Conn extends AutoCloseable {
        void write(byte[] data) throws Exception;

        int read(byte[] into) throws Exception;

        @Override
        void close() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        String api = args[0];
        boolean clientClosesFirst = args[1].equals("client");
        InetAddress address = InetAddress.getByName(args[2]);
        switch (api) {
            case "socket" -> {
                try (ServerSocket listener = new ServerSocket(0, 50, address)) {
                    Thread server = serve(() -> streams(listener.accept()), !clientClosesFirst);
                    exchange(streams(new Socket(address, listener.getLocalPort())), clientClosesFirst);
                    server.join(TIMEOUT_SECONDS * 1000);
                }
            }
            case "channel", "adaptor" -> {
                boolean adaptor = api.equals("adaptor");
                try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                    InetSocketAddress local = bind(listener, address, adaptor);
                    Thread server = serve(() -> adaptor ? streams(listener.socket().accept())
                            : channel(listener.accept()), !clientClosesFirst);
                    SocketChannel client = SocketChannel.open();
                    if (adaptor) {
                        client.socket().connect(local, 5_000);
                        exchange(streams(client.socket()), clientClosesFirst);
                    } else {
                        client.connect(local);
                        exchange(channel(client), clientClosesFirst);
                    }
                    server.join(TIMEOUT_SECONDS * 1000);
                }
            }
            case "selector" -> {
                try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                    listener.bind(new InetSocketAddress(address, 0));
                    Thread server = new Thread(() -> selectorServer(listener, !clientClosesFirst), "selector-loop");
                    server.start();
                    exchange(channel(nonBlockingConnect((InetSocketAddress) listener.getLocalAddress())),
                            clientClosesFirst);
                    server.join(TIMEOUT_SECONDS * 1000);
                }
            }
            case "async" -> {
                try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open()) {
                    listener.bind(new InetSocketAddress(address, 0));
                    Thread server = serve(() -> async(listener.accept().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)),
                            !clientClosesFirst);
                    AsynchronousSocketChannel client = AsynchronousSocketChannel.open();
                    client.connect(listener.getLocalAddress()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    exchange(async(client), clientClosesFirst);
                    server.join(TIMEOUT_SECONDS * 1000);
                }
            }
            default -> throw new IllegalArgumentException("unknown API " + api);
        }
    }

    private interface ConnSource {
        Conn open() throws Exception;
    }

    /** Server side: accept, echo the message, then close first or wait for the client's EOF. */
    private static Thread serve(ConnSource accept, boolean closeFirst) {
        Thread server = new Thread(() -> {
            try (Conn conn = accept.open()) {
                byte[] message = readFully(conn);
                conn.write(message);
                if (!closeFirst) {
                    awaitEof(conn);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "echo-server");
        server.start();
        return server;
    }

    /** Client side: send, read the echo, then close first or wait for the server's EOF. */
    private static void exchange(Conn conn, boolean closeFirst) throws Exception {
        try (conn) {
            conn.write(new byte[BYTES]);
            readFully(conn);
            if (!closeFirst) {
                awaitEof(conn);
            }
        }
    }

    private static byte[] readFully(Conn conn) throws Exception {
        byte[] message = new byte[BYTES];
        int total = 0;
        while (total < BYTES) {
            byte[] chunk = new byte[BYTES - total];
            int n = conn.read(chunk);
            if (n < 0) {
                throw new IOException("EOF after " + total + " bytes");
            }
            System.arraycopy(chunk, 0, message, total, n);
            total += n;
        }
        return message;
    }

    private static void awaitEof(Conn conn) throws Exception {
        if (conn.read(new byte[16]) != -1) {
            throw new IOException("expected EOF");
        }
    }

    private static InetSocketAddress bind(ServerSocketChannel listener, InetAddress address, boolean adaptor)
            throws IOException {
        if (adaptor) {
            listener.socket().bind(new InetSocketAddress(address, 0));
        } else {
            listener.bind(new InetSocketAddress(address, 0));
        }
        return (InetSocketAddress) listener.getLocalAddress();
    }

    private static SocketChannel nonBlockingConnect(InetSocketAddress remote) throws IOException {
        SocketChannel client = SocketChannel.open();
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            if (!client.connect(remote)) {
                client.register(selector, SelectionKey.OP_CONNECT);
                while (!client.finishConnect()) {
                    selector.select(1_000);
                }
            }
        }
        client.configureBlocking(true);
        return client;
    }

    /** One thread, one selector: accept, echo, and close first or on the client's EOF. */
    private static void selectorServer(ServerSocketChannel listener, boolean closeFirst) {
        try (Selector selector = Selector.open()) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            ByteBuffer buffer = ByteBuffer.allocate(BYTES);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel accepted = listener.accept();
                        accepted.configureBlocking(false);
                        accepted.register(selector, SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        SocketChannel channel = (SocketChannel) key.channel();
                        int n = channel.read(buffer);
                        if (n == -1) {
                            key.cancel();
                            channel.close();
                            done = true;
                        } else if (!buffer.hasRemaining()) {
                            buffer.flip();
                            while (buffer.hasRemaining()) {
                                channel.write(buffer);
                            }
                            buffer.clear().limit(closeFirst ? BYTES : 16);
                            if (closeFirst) {
                                key.cancel();
                                channel.close();
                                done = true;
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Conn streams(Socket socket) throws IOException {
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new Conn() {
            public void write(byte[] data) throws IOException { out.write(data); }
            public int read(byte[] into) throws IOException { return in.read(into); }
            public void close() throws IOException { socket.close(); }
        };
    }

    private static Conn channel(SocketChannel channel) {
        return new Conn() {
            public void write(byte[] data) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            public int read(byte[] into) throws IOException { return channel.read(ByteBuffer.wrap(into)); }
            public void close() throws IOException { channel.close(); }
        };
    }

    private static Conn async(AsynchronousSocketChannel channel) {
        return new Conn() {
            public void write(byte[] data) throws Exception {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
            public int read(byte[] into) throws Exception {
                return channel.read(ByteBuffer.wrap(into)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            public void close() throws IOException { channel.close(); }
        };
    }
}
