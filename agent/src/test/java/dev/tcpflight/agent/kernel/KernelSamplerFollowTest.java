package dev.tcpflight.agent.kernel;

import static dev.tcpflight.agent.kernel.SamplerFixture.TEST_LIMITS;
import static dev.tcpflight.agent.kernel.SamplerFixture.awaitTrue;
import static dev.tcpflight.agent.kernel.SamplerFixture.local;
import static dev.tcpflight.agent.kernel.SamplerFixture.remote;
import static dev.tcpflight.schema.TcpState.FIN_WAIT_1;
import static dev.tcpflight.schema.TcpState.LAST_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpflight.agent.kernel.SamplerFixture.Events;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sampler follows real loopback connections through their close, in the real {@code /proc/net/tcp{,6}}: the
 * states the kernel shows, whichever table lists the socket and whenever the follow comes.
 */
class KernelSamplerFollowTest {

    @RegisterExtension
    final SamplerFixture fixture = new SamplerFixture();

    /**
     * The client closes first: FIN_WAIT_1 -> FIN_WAIT_2 while the server has not closed; then the server reads
     * the FIN and closes: the server's LAST_ACK ends in CLOSED, the client goes on to TIME_WAIT.
     */
    private void activeAndPassiveClose(InetAddress address) throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        Socket[] pair = fixture.connectedPair(address);
        Socket client = pair[0];
        Socket server = pair[1];
        InetSocketAddress clientLocal = local(client);
        InetSocketAddress clientRemote = remote(client);
        InetSocketAddress serverLocal = local(server);
        InetSocketAddress serverRemote = remote(server);
        Events clientEvents = new Events();
        Events serverEvents = new Events();

        client.close();
        assertTrue(sampler.follow(clientLocal, clientRemote, FIN_WAIT_1, clientEvents));
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel");

        assertEquals(-1, server.getInputStream().read());
        server.close();
        assertTrue(sampler.follow(serverLocal, serverRemote, LAST_ACK, serverEvents));
        serverEvents.await("LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
        assertEquals(KernelSampler.THREAD_NAME, clientEvents.thread.getName());
        assertTrue(clientEvents.thread.isDaemon());
        assertEquals(1, sampler.followed()); // the client, in TIME_WAIT
    }

    @Test
    void clientClosesFirstOverIpv4OnADualStackSocket() throws Exception {
        activeAndPassiveClose(InetAddress.getByName("127.0.0.1")); // listed in tcp6 as ::ffff:127.0.0.1
    }

    @Test
    void clientClosesFirstOverIpv6() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, ipv6Loopback)) {
            assumeTrue(probe.getInetAddress() instanceof Inet6Address);
        } catch (IOException noIpv6) {
            assumeTrue(false, "no IPv6 loopback: " + noIpv6);
        }
        activeAndPassiveClose(ipv6Loopback);
    }

    @Test
    void clientClosesFirstOnIpv4OnlySocketsListedInProcNetTcp() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocketChannel listener = fixture.open(ServerSocketChannel.open(StandardProtocolFamily.INET));
        listener.bind(new InetSocketAddress(loopback, 0));
        SocketChannel client = fixture.open(SocketChannel.open(StandardProtocolFamily.INET));
        client.connect(listener.getLocalAddress());
        SocketChannel server = fixture.open(listener.accept());
        InetSocketAddress clientLocal = (InetSocketAddress) client.getLocalAddress();
        InetSocketAddress clientRemote = (InetSocketAddress) client.getRemoteAddress();
        Events clientEvents = new Events();
        Events serverEvents = new Events();

        client.close();
        assertTrue(sampler.follow(clientLocal, clientRemote, FIN_WAIT_1, clientEvents));
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
        assertEquals(-1, server.read(ByteBuffer.allocate(1)));
        InetSocketAddress serverLocal = (InetSocketAddress) server.getLocalAddress();
        InetSocketAddress serverRemote = (InetSocketAddress) server.getRemoteAddress();
        server.close();
        assertTrue(sampler.follow(serverLocal, serverRemote, LAST_ACK, serverEvents));
        serverEvents.await("LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
        clientEvents.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
    }

    @Test
    void aFollowThatComesBeforeTheKernelClosedTheSocketWaitsForTheClose() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        Events events = new Events();
        // the tracker may follow as close() starts, before the JDK has closed the file descriptor
        assertTrue(sampler.follow(local(pair[0]), remote(pair[0]), FIN_WAIT_1, events));
        awaitTrue(() -> sampler.reads() >= 3, () -> "no reads");
        assertEquals(List.of(), events.lines(), "ESTABLISHED in the table is the close still to come");
        pair[0].close();
        events.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
    }

    @Test
    void aSocketThatIsAlreadyGoneIsClosed() throws Exception {
        KernelSampler sampler = fixture.sampler(TEST_LIMITS);
        Socket[] pair = fixture.connectedPair(InetAddress.getByName("127.0.0.1"));
        InetSocketAddress local = local(pair[0]);
        InetSocketAddress remote = remote(pair[0]);
        pair[0].setSoLinger(true, 0);
        pair[0].close(); // RST: no FIN exchange, no TIME_WAIT, gone from the table at once
        Events events = new Events();
        assertTrue(sampler.follow(local, remote, FIN_WAIT_1, events));
        events.await("FIN_WAIT_1>CLOSED:kernel", "ended CLOSED CLOSED");
        assertEquals(0, sampler.followed());
    }
}
