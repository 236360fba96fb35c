package dev.tcpflight.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The same lifecycle as handshake-and-close, but on non-blocking channels: one thread and one Selector serve every
 * connection, and the clients connect with connect() + OP_CONNECT + finishConnect().
 */
public final class NioSelectorScenario extends NarratedScenario {

    private static final int CLIENTS = 3;

    /** Written by the server thread only. */
    private volatile int served;

    public NioSelectorScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new NioSelectorScenario(System.out).run();
    }

    @Override
    public String name() {
        return "nio-selector";
    }

    @Override
    public String description() {
        return "a one-thread Selector echo server and " + CLIENTS
                + " non-blocking SocketChannel clients (OP_CONNECT, finishConnect); clients close first";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.CHANNELS.client(CLIENTS, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.CHANNELS.server(CLIENTS, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.CHANNELS.listener());
    }

    /** How many connections the server echoed and closed after reading -1, once {@link #run()} has returned. */
    public int served() {
        return served;
    }

    @Override
    public void run() throws Exception {
        try (ServerSocketChannel listener = NioLoopback.listen()) {
            InetSocketAddress address = NioLoopback.address(listener);
            say("listener: listening on " + Loopback.endpoint(address) + ", non-blocking, registered for OP_ACCEPT");
            Peer server = Peer.start("server", () -> serve(listener));
            for (int i = 1; i <= CLIENTS; i++) {
                client(i, address);
            }
            server.join();
        }
    }

    private void client(int number, InetSocketAddress server) throws Exception {
        String message = "hello " + number;
        // Resources close in reverse order: the selector first, so the channel is no longer registered when it
        // closes and its socket is closed at once instead of at the selector's next select.
        try (SocketChannel client = SocketChannel.open(); Selector selector = Selector.open()) {
            client.configureBlocking(false);
            NioLoopback.connect(client, selector, server);
            say("client " + number + ": connect() returned false (SYN sent), OP_CONNECT fired, finishConnect()"
                    + " returned true: connected from " + Loopback.endpoint(client.getLocalAddress()));
            NioLoopback.write(client, NioLoopback.ascii(message));
            say("client " + number + ": sent '" + message + "', got '"
                    + NioLoopback.receive(client, selector, message) + "' back; closing first (active close)");
        }
    }

    /** The server: one thread, one selector, until every client's connection has been closed. */
    private void serve(ServerSocketChannel listener) throws Exception {
        try (Selector selector = Selector.open()) {
            listener.register(selector, SelectionKey.OP_ACCEPT);
            while (served < CLIENTS) {
                NioLoopback.select(selector);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        accept(listener, selector);
                    } else if (key.isReadable()) {
                        echo(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    private void accept(ServerSocketChannel listener, Selector selector) throws IOException {
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(256));
        say("server: OP_ACCEPT: accepted " + Loopback.endpoint(channel.getRemoteAddress())
                + ", registered for OP_READ");
    }

    /** Echoes what has arrived; on -1, the client's FIN, closes the channel too (passive close). */
    private void echo(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        if (channel.read(buffer) == -1) {
            say("server: OP_READ, read() returned -1 (the client's FIN): cancelling the key and closing (passive"
                    + " close)");
            key.cancel();
            channel.close();
            served++;
            return;
        }
        NioLoopback.write(channel, buffer.flip());
        buffer.clear();
    }
}
