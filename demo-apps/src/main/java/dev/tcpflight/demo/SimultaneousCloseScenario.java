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
import java.util.concurrent.TimeoutException;

/**
 * Both ends close their sending half at the same moment and their FINs cross: the client gets the server's FIN
 * while its own is still unacknowledged, which is CLOSING. On loopback a FIN is delivered the instant it is sent,
 * so "the same moment" is arranged: the server does not read, its receive window fills, and the client's FIN
 * waits in the client's send buffer behind data the server has not taken yet. The JVM sees only the two
 * shutdownOutput() calls; CLOSING and the TIME_WAITs after it are the kernel's, shown by the agent's kernel
 * sampler.
 */
public final class SimultaneousCloseScenario extends NarratedScenario {

    /** Bytes per write while filling the pipe; the kernel takes what fits. */
    private static final int CHUNK = 64 * 1024;
    /** The pipe between two loopback sockets holds a few MB at most; past this something is wrong. */
    private static final long MAX_QUEUED = 256L * 1024 * 1024;
    /** How long the filled pipe is left to settle (receive buffers grow as data arrives) before it counts as full. */
    private static final long SETTLE_MS = 50;
    /** How long the client is held in CLOSING, long enough for the kernel sampler to see it. */
    private static final long HOLD_MS = 500;

    public SimultaneousCloseScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new SimultaneousCloseScenario(System.out).run();
    }

    @Override
    public String name() {
        return "simultaneous-close";
    }

    @Override
    public String description() {
        return "both ends shut down output at once and their FINs cross: the client goes through CLOSING (kernel)";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.CHANNELS.client(1, "ESTABLISHED>FIN_WAIT_1:shutdown-output"),
                Expect.CHANNELS.server(1, "ESTABLISHED>FIN_WAIT_1:shutdown-output"),
                Expect.CHANNELS.listener());
    }

    @Override
    public void run() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(Loopback.ADDRESS, 0));
            InetSocketAddress address = NioLoopback.address(listener);
            say("listener: listening on " + Loopback.endpoint(address));
            try (SocketChannel client = SocketChannel.open(address);
                 SocketChannel server = listener.accept();
                 Selector selector = Selector.open()) {
                int clientPort = NioLoopback.address(client).getPort();
                client.configureBlocking(false);
                server.configureBlocking(false);
                long queued = fill(client);
                say("client: wrote " + queued + " bytes that the server does not read: its receive window is closed,"
                        + " the rest waits in the client's send buffer");
                client.shutdownOutput();
                say("client: shutdownOutput(): FIN_WAIT_1, its FIN queued behind the unsent data");
                server.shutdownOutput();
                say("server: shutdownOutput() at the same moment: FIN_WAIT_1, its FIN goes out at once");
                long clientRead = readToEof(client, selector);
                say("client: read " + clientRead + " bytes, then -1: the server's FIN came before the client's own FIN"
                        + " was acknowledged, so the FINs crossed");
                showKernelState(clientPort, address.getPort(), "client", "CLOSING");
                Thread.sleep(HOLD_MS);
                long drained = readToEof(server, selector);
                if (drained != queued) {
                    throw new IllegalStateException("server read " + drained + " bytes, the client wrote " + queued);
                }
                say("server: read all " + drained + " bytes, then -1; the client's FIN follows its data, and both"
                        + " FINs are acknowledged now");
                showKernelState(clientPort, address.getPort(), "client", "TIME_WAIT");
                showKernelState(address.getPort(), clientPort, "server", "TIME_WAIT");
            }
        }
    }

    /** Writes until the client's send buffer stays full: the server's receive window is closed. */
    private static long fill(SocketChannel client) throws IOException, InterruptedException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long queued = 0;
        int fullInARow = 0;
        while (fullInARow < 2) {
            chunk.clear();
            int written = client.write(chunk);
            queued += written;
            if (queued > MAX_QUEUED) {
                throw new IllegalStateException("wrote " + queued + " bytes and the send buffer never filled");
            }
            if (written == 0) {
                fullInARow++;
                Thread.sleep(SETTLE_MS);
            } else {
                fullInARow = 0;
            }
        }
        return queued;
    }

    /** Reads and discards everything up to the peer's FIN, waiting on {@code selector} at most the usual timeout. */
    private static long readToEof(SocketChannel channel, Selector selector) throws IOException, TimeoutException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        ByteBuffer sink = ByteBuffer.allocate(CHUNK);
        long total = 0;
        try {
            while (true) {
                sink.clear();
                int n = channel.read(sink);
                if (n < 0) {
                    return total;
                }
                total += n;
                if (n == 0) {
                    NioLoopback.select(selector);
                    selector.selectedKeys().clear();
                }
            }
        } finally {
            key.cancel();
            selector.selectNow(); // deregisters the cancelled key
        }
    }

    private void showKernelState(int localPort, int remotePort, String who, String state) throws Exception {
        if (OsSocketTable.available()) {
            OsSocketTable.await(localPort, remotePort, state);
            say("kernel: the " + who + " is in " + state);
        }
    }
}
