package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpflight.agent.kernel.UnseenSockets.Sighting;
import dev.tcpflight.agent.tracking.OpenSocket;
import dev.tcpflight.agent.tracking.PortFilter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look at the process's sockets no hook saw, on real loopback sockets of this test JVM (which runs without
 * the agent, so every socket is unowned unless the test says otherwise).
 */
class UnseenSocketsTest {

    @Test
    void reportsASocketFoundUnownedTwiceThenEachChangeThenItsEnd() throws Exception {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket server = listener.accept()) {
            int port = listener.getLocalPort();
            UnseenSockets look = UnseenSockets.ofThisProcess(new PortFilter(Set.of(port)));
            assertEquals(Set.of(), mine(look.look(Set.of(), false), port), "one look is not enough: hooks lag");
            assertEquals(Set.of("listener " + port + " CLOSED>LISTEN first-seen inferred unhooked",
                    "client " + client.getLocalPort() + " CLOSED>ESTABLISHED first-seen inferred unhooked",
                    "server " + port + " CLOSED>ESTABLISHED first-seen inferred unhooked"),
                    mine(look.look(Set.of(), true), port));
            assertEquals(Set.of("listener " + port + " LISTEN", "client " + client.getLocalPort() + " ESTABLISHED",
                    "server " + port + " ESTABLISHED"), mine(look.look(Set.of(), true), port), "unchanged");

            client.close(); // the server's end goes to CLOSE_WAIT; the client's leaves the process
            Thread.sleep(50);
            int listenerFd = fdOf(port, true);
            assertEquals(Set.of("client " + client.getLocalPort() + " ESTABLISHED>CLOSED kernel kernel unhooked",
                    "server " + port + " ESTABLISHED>CLOSE_WAIT kernel kernel unhooked"),
                    mine(look.look(Set.of(listenerFd), true), port),
                    "a listener tracked from now on is dropped without an end");
        }
    }

    /**
     * The tables walk the host's whole socket table: read only for a socket unowned at two looks in a row, and a
     * socket they do not list (not TCP) is not asked about again. The descriptors are links in a directory of the
     * test's, as in {@code /proc/self/fd}: one to this test's listener, one to a socket no table lists.
     */
    @Test
    void readsTheTablesOnlyForASocketUnownedTwice(@TempDir Path fds) throws Exception {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = listener.getLocalPort();
            Path listenerLink = Files.readSymbolicLink(OpenSockets.FDS.resolve(Integer.toString(fdOf(port, true))));
            Files.createSymbolicLink(fds.resolve("7"), listenerLink);
            UnseenSockets look = new UnseenSockets(fds, new ProcNetTcpReader(ProcNetTcpReader.TCP,
                    ProcNetTcpReader.TCP6), UnixSocketTable.UNIX, new PortFilter(Set.of(port)));
            look.look(Set.of(7), true);
            look.look(Set.of(7), true);
            assertEquals(0, look.tableReads(), "every socket owned: the descriptor listing only");
            look.look(Set.of(), true);
            assertEquals(0, look.tableReads(), "unowned at one look: it may be registered a moment later");
            assertEquals(Set.of("listener " + port + " CLOSED>LISTEN first-seen inferred unhooked"),
                    mine(look.look(Set.of(), true), port), "unowned twice: the tables are read");
            assertEquals(1, look.tableReads());

            Files.delete(fds.resolve("7"));
            Files.createSymbolicLink(fds.resolve("8"), Path.of("socket:[1]")); // inode 1: in no table
            look.look(Set.of(), true); // the listener's end: read to report it
            look.look(Set.of(), true); // socket 1 unowned twice: read, not listed
            long reads = look.tableReads();
            look.look(Set.of(), true);
            look.look(Set.of(), true);
            assertEquals(reads, look.tableReads(), "a socket no table lists is not asked about again");
        }
    }

    /**
     * A Unix-domain socket (a database's local socket, say) unowned at two looks is found in {@code /proc/net/unix}
     * and never sends the look to the TCP tables, then or later.
     */
    @Test
    void aUnixDomainSocketNeverReadsTheTcpTables(@TempDir Path fds, @TempDir Path sockets) throws Exception {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        Set<Long> before = OpenSockets.socketInodes(OpenSockets.FDS).keySet();
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(sockets.resolve("s")));
            Set<Long> opened = new TreeSet<>(OpenSockets.socketInodes(OpenSockets.FDS).keySet());
            opened.removeAll(before);
            assertEquals(1, opened.size(), "the channel's socket is the one new descriptor: " + opened);
            long inode = opened.iterator().next();
            Files.createSymbolicLink(fds.resolve("9"), Path.of("socket:[" + inode + "]"));
            UnseenSockets look = new UnseenSockets(fds, new ProcNetTcpReader(ProcNetTcpReader.TCP,
                    ProcNetTcpReader.TCP6), UnixSocketTable.UNIX, PortFilter.ALL);
            for (int i = 0; i < 2 * 30 + 2; i++) { // past the retry of sockets the TCP tables did not list
                assertEquals(List.of(), look.look(Set.of(), true));
            }
            assertEquals(0, look.tableReads(), "a Unix-domain socket is not looked for in the TCP tables");
            assertEquals(Set.of(inode), UnixSocketTable.listed(UnixSocketTable.UNIX, Set.of(inode, 1L)));
        }
    }

    @Test
    void aSocketOutsideThePortsOptionIsFilteredNotUnhooked() throws Exception {
        assumeTrue(KernelSampler.isSupported(), KernelSampler.supportReason());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = listener.getLocalPort();
            UnseenSockets look = UnseenSockets.ofThisProcess(new PortFilter(Set.of(port + 1)));
            look.look(Set.of(), true);
            assertEquals(Set.of("listener " + port + " CLOSED>LISTEN first-seen inferred filtered"),
                    mine(look.look(Set.of(), true), port));
        }
    }

    /** The sightings of sockets on {@code port}: role, local port, change (or state) and, for a change, reason. */
    private static Set<String> mine(List<Sighting> sightings, int port) {
        Set<String> text = new TreeSet<>();
        for (Sighting s : sightings) {
            if (s.local().getPort() == port || s.remote().getPort() == port) {
                text.add(s.role().label() + " " + s.local().getPort() + " " + (s.step() == null ? s.state()
                        : s.step().from() + ">" + s.step().to() + " " + s.step().trigger().label() + " "
                        + s.step().source().label() + " " + s.reason().label()));
            }
        }
        return text;
    }

    private static int fdOf(int port, boolean listener) throws Exception {
        return OpenSockets.snapshot().stream()
                .filter(s -> s.local().getPort() == port && (s.remote().getPort() == 0) == listener)
                .mapToInt(OpenSocket::fd).findFirst().orElseThrow();
    }
}
