package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpflight.agent.tracking.OpenSocket;
import dev.tcpflight.schema.TcpState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The process's own TCP sockets, listed from /proc on Linux: real loopback sockets of this test JVM. */
class OpenSocketsTest {

    @Test
    void listsThisProcesssListenerAndBothEndsOfAConnectionWithTheirStates() throws Exception {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Set<Integer> ports;
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket server = listener.accept()) {
            List<OpenSocket> open = OpenSockets.snapshot();
            int port = listener.getLocalPort();
            int clientPort = client.getLocalPort();
            ports = Set.of(port, clientPort);
            Set<String> mine = open.stream()
                    .filter(s -> s.local().getPort() == port || s.local().getPort() == clientPort)
                    .map(s -> s.local().getAddress().getHostAddress() + ":" + s.local().getPort() + ">"
                            + (s.state() == TcpState.LISTEN ? "*" // 0.0.0.0:0, or :: in tcp6
                            : s.remote().getAddress().getHostAddress() + ":" + s.remote().getPort()) + " " + s.state())
                    .collect(Collectors.toSet());
            assertEquals(Set.of("127.0.0.1:" + port + ">* LISTEN",
                    "127.0.0.1:" + clientPort + ">127.0.0.1:" + port + " ESTABLISHED",
                    "127.0.0.1:" + port + ">127.0.0.1:" + clientPort + " ESTABLISHED"), mine, open.toString());
            assertEquals(open.size(), open.stream().map(OpenSocket::fd).distinct().count(), "one socket per fd");
            assertTrue(open.stream().allMatch(s -> s.fd() >= 0));
        }
        // Closed now: whatever the kernel still holds (TIME_WAIT) belongs to no descriptor of this process.
        List<OpenSocket> after = OpenSockets.snapshot();
        assertTrue(after.stream().map(OpenSocket::local).map(InetSocketAddress::getPort).noneMatch(ports::contains),
                after.toString());
    }
}
