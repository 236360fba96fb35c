package dev.tcpflight.demo;

import java.io.EOFException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * handshake-and-close on asynchronous channels: the client waits on Futures, the server never waits at all, its
 * accept, reads and writes continue in CompletionHandlers on the channel group's threads.
 */
public final class AsyncChannelScenario extends NarratedScenario {

    private static final String MESSAGE = "hello";

    public AsyncChannelScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new AsyncChannelScenario(System.out).run();
    }

    @Override
    public String name() {
        return "async-channel";
    }

    @Override
    public String description() {
        return "AsynchronousSocketChannel echo: the client waits on Futures, the server uses CompletionHandlers;"
                + " client closes first";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.ASYNC_CHANNELS.client(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.ASYNC_CHANNELS.server(1, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.ASYNC_CHANNELS.listener());
    }

    @Override
    public void run() throws Exception {
        try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(Loopback.ADDRESS, 0));
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            say("listener: listening on " + Loopback.endpoint(address) + "; accept() returns at once, a"
                    + " CompletionHandler gets the connection");
            CompletableFuture<Void> served = new CompletableFuture<>();
            listener.accept(null, handler(served, channel -> {
                say("server: accept completed: " + Loopback.endpoint(channel.getRemoteAddress()) + ", reading");
                readAndEcho(channel, ByteBuffer.allocate(256), served);
            }));
            client(address);
            Loopback.await(served);
        }
    }

    /** The client: each call returns a Future at once, and get() waits for the operation to complete. */
    private void client(InetSocketAddress server) throws Exception {
        try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            say("client: connect(" + Loopback.endpoint(server) + ").get(), waiting for the handshake");
            Loopback.await(client.connect(server));
            ByteBuffer request = NioLoopback.ascii(MESSAGE);
            while (request.hasRemaining()) {
                Loopback.await(client.write(request));
            }
            ByteBuffer reply = ByteBuffer.allocate(MESSAGE.length()); // exactly the echo: never reads the FIN
            while (reply.hasRemaining()) {
                if (Loopback.await(client.read(reply)) == -1) {
                    throw new EOFException("server closed after " + reply.position() + " bytes");
                }
            }
            String echo = Loopback.checked(MESSAGE, NioLoopback.ascii(reply.flip()));
            say("client: sent '" + MESSAGE + "', got '" + echo + "' back; closing first (active close)");
        }
    }

    /** Reads; a completion with data writes it back, one with -1 (the client's FIN) closes (passive close). */
    private void readAndEcho(AsynchronousSocketChannel channel, ByteBuffer buffer, CompletableFuture<Void> served) {
        channel.read(buffer, null, handler(served, count -> {
            if (count == -1) {
                say("server: read completed with -1 (the client's FIN): closing (passive close)");
                channel.close();
                served.complete(null);
            } else {
                writeAndEcho(channel, buffer.flip(), served);
            }
        }));
    }

    private void writeAndEcho(AsynchronousSocketChannel channel, ByteBuffer buffer, CompletableFuture<Void> served) {
        channel.write(buffer, null, handler(served, count -> {
            if (buffer.hasRemaining()) {
                writeAndEcho(channel, buffer, served);
            } else {
                readAndEcho(channel, buffer.clear(), served);
            }
        }));
    }

    @FunctionalInterface
    private interface Step<V> {
        void run(V result) throws Exception;
    }

    /** Runs {@code next} on completion; any failure, also one thrown by {@code next}, fails {@code done}. */
    private static <V> CompletionHandler<V, Void> handler(CompletableFuture<Void> done, Step<V> next) {
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, Void attachment) {
                try {
                    next.run(result);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void failed(Throwable failure, Void attachment) {
                done.completeExceptionally(failure);
            }
        };
    }
}
