package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.tracking.PortFilter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Not a test: the CPU time of one look at the sockets no hook saw, with {@code args[0]} unowned connections of
 * this process (default 100; both ends, so twice the sockets) and whatever else the host's table holds.
 * <pre>
 * java -cp agent/target/classes:agent/target/test-classes:schema/target/classes \
 *      dev.tcpflight.agent.kernel.UnseenLookCost [connections=100] [looks=300]
 * </pre>
 */
public final class UnseenLookCost {

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int looks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> held = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, connections, loopback)) {
            for (int i = 0; i < connections; i++) {
                held.add(new Socket(loopback, listener.getLocalPort()));
                held.add(listener.accept());
            }
            UnseenSockets look = UnseenSockets.ofThisProcess(PortFilter.ALL);
            ThreadCpuClock cpu = new ThreadCpuClock(ThreadCpuClock.SCHEDSTAT);
            long[] nanos = new long[looks];
            int reported = 0;
            for (int i = 0; i < looks; i++) {
                long before = cpu.nanos();
                reported = look.look(Set.of(), true).size();
                nanos[i] = cpu.nanos() - before;
            }
            Arrays.sort(nanos);
            long rows = Files.readAllLines(ProcNetTcpReader.TCP).size() + Files.readAllLines(ProcNetTcpReader.TCP6)
                    .size() - 2;
            System.out.printf("look at %d unowned sockets (%d reported), host table %d rows: CPU per look"
                            + " p50 %.3f ms, p99 %.3f ms (%d looks)%n",
                    held.size() + 1, reported, rows, nanos[looks / 2] / 1e6, nanos[looks * 99 / 100] / 1e6, looks);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
