package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.tracking.OpenSocket;
import dev.tcpflight.schema.TcpState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets this process has open, from Linux's {@code /proc}: each {@code /proc/self/fd} link that names a
 * socket ({@code socket:[INODE]}) matched by inode against the rows of {@code /proc/net/tcp} and {@code tcp6}.
 * What the agent finds when it is attached to a running JVM. A snapshot, read once: not for the hot path.
 */
public final class OpenSockets {

    static final Path FDS = Path.of("/proc/self/fd");
    private static final String SOCKET_LINK = "socket:[";

    private OpenSockets() {
    }

    /** The process's TCP sockets now; empty where {@code /proc} does not list them (not Linux). */
    public static List<OpenSocket> snapshot() throws IOException {
        if (!Files.isDirectory(FDS) || !KernelSampler.isSupported()) {
            return List.of();
        }
        return snapshot(FDS, new ProcNetTcpReader(ProcNetTcpReader.TCP, ProcNetTcpReader.TCP6));
    }

    static List<OpenSocket> snapshot(Path fds, ProcNetTcpReader tables) throws IOException {
        Map<Long, Integer> fdByInode = socketInodes(fds);
        List<OpenSocket> sockets = new ArrayList<>();
        if (fdByInode.isEmpty()) {
            return sockets;
        }
        tables.read(new ProcessRows() {
            @Override
            public void row(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort,
                            int stateCode, long inode) {
                Integer fd = fdByInode.get(inode);
                TcpState state = ProcNetTcp.state(stateCode);
                if (fd != null && state != null) {
                    sockets.add(new OpenSocket(fd, TcpTuple.address(localHi, localLo, localPort),
                            TcpTuple.address(remoteHi, remoteLo, remotePort), state));
                }
            }

        }, true);
        return sockets;
    }

    /** The rows a process's own sockets can be: with their inode, never in TIME_WAIT. */
    abstract static class ProcessRows implements ProcNetTcp.RowSink {

        @Override
        public boolean wantsInode() {
            return true;
        }

        /** A socket in TIME_WAIT belongs to no process (inode 0), and may be most of a busy server's table. */
        @Override
        public boolean wantsState(int stateCode) {
            return ProcNetTcp.state(stateCode) != TcpState.TIME_WAIT;
        }
    }

    /** Socket inode to file descriptor number, for every open descriptor that is a socket of any kind. */
    static Map<Long, Integer> socketInodes(Path fds) throws IOException {
        Map<Long, Integer> fdByInode = new HashMap<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith(SOCKET_LINK) && target.endsWith("]")) {
                    fdByInode.put(Long.parseLong(target.substring(SOCKET_LINK.length(), target.length() - 1)),
                            Integer.parseInt(link.getFileName().toString()));
                }
            }
        }
        return fdByInode;
    }
}
