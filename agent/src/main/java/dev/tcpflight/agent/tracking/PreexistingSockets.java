package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TCP sockets that were open when the agent was attached. The agent never saw their connect, accept or
 * listen, so each connection is registered the first time the application touches it (a read, a write, a
 * shutdown or close), in the state the kernel showed at the attach. Listeners are only reported. Their file
 * descriptor numbers tell them apart from
 * sockets the agent did see: every socket opened later is registered when it connects, accepts or listens.
 */
public final class PreexistingSockets {

    /** None: the agent started with the JVM, or the operating system does not list its sockets. */
    public static final PreexistingSockets NONE = new PreexistingSockets(List.of());

    private final List<OpenSocket> all;
    private final Map<Integer, OpenSocket> untouched;
    private final Set<Integer> listeningPorts;
    /** Read on every miss of the hot path: false once all have been touched, and then the check costs nothing. */
    private volatile boolean anyUntouched;

    public PreexistingSockets(List<OpenSocket> sockets) {
        this.all = List.copyOf(sockets);
        this.untouched = new ConcurrentHashMap<>();
        Set<Integer> listeningPorts = new HashSet<>(); // not a stream: NONE is built at JVM start, lambdas cost there
        for (OpenSocket socket : all) {
            if (socket.state() == TcpState.LISTEN) {
                listeningPorts.add(socket.local().getPort());
            } else {
                untouched.put(socket.fd(), socket); // a listener's accepts are not first touches: only reported
            }
        }
        this.listeningPorts = Set.copyOf(listeningPorts);
        this.anyUntouched = !untouched.isEmpty();
    }

    /** Every socket of the snapshot, touched or not. */
    public List<OpenSocket> all() {
        return all;
    }

    boolean anyUntouched() {
        return anyUntouched;
    }

    /** The untouched socket with file descriptor {@code fd}, now touched; null if there is none. */
    OpenSocket claim(int fd) {
        OpenSocket socket = untouched.remove(fd);
        if (untouched.isEmpty()) {
            anyUntouched = false;
        }
        return socket;
    }

    /** A listener; the server side of a connection when its local port is one the process listened on. */
    public Role roleOf(OpenSocket socket) {
        if (socket.state() == TcpState.LISTEN) {
            return Role.LISTENER;
        }
        return listeningPorts.contains(socket.local().getPort()) ? Role.SERVER : Role.CLIENT;
    }
}
