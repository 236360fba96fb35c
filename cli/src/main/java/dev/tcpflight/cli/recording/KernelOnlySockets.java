package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.EventFields.Field;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import dev.tcpflight.schema.events.UntracedTransportEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a recording says besides its connections: whether the agent was there at all (its periodic
 * {@code tcpflight.SocketStates}), the process's sockets seen only by the kernel ({@code tcpflight.UnseenSocket},
 * one per socket however many looks reported it: at most {@value #MAX_SOCKETS}, a process's descriptors) and the
 * transports the agent could not trace ({@code tcpflight.UntracedTransport}). Tells "no agent" from "agent,
 * nothing seen" from "sockets seen only by the kernel".
 */
public final class KernelOnlySockets {

    static final int MAX_SOCKETS = 10_000;
    private static final List<Field> UNSEEN_FIELDS = List.of(new Field(Fields.INODE, "long"),
            new Field(Fields.FD, "int"), Field.text(Fields.ROLE), Field.text(Fields.LOCAL_ADDRESS),
            new Field(Fields.LOCAL_PORT, "int"), Field.text(Fields.REMOTE_ADDRESS),
            new Field(Fields.REMOTE_PORT, "int"), Field.text(Fields.STATE), Field.text(Fields.REASON));

    private record Key(Path file, long inode) {
    }

    private final Set<Path> withAgent = new HashSet<>();
    private final Map<Key, KernelOnlySocket> sockets = new LinkedHashMap<>();
    private final Set<String> transports = new LinkedHashSet<>();
    private long left;

    /** Takes {@code event} if it is one of these; true when it was. */
    boolean take(Path file, EventView event) throws TcpflightException {
        String type = event.typeName();
        if (SocketStatesEvent.NAME.equals(type)) {
            withAgent.add(file);
        } else if (UnseenSocketEvent.NAME.equals(type)) {
            withAgent.add(file);
            unseen(file, event);
        } else if (UntracedTransportEvent.NAME.equals(type)) {
            withAgent.add(file);
            transports.add(event.string(Fields.TRANSPORT) + " ("
                    + event.string(Fields.DETAIL) + ")");
        } else {
            return false;
        }
        return true;
    }

    private void unseen(Path file, EventView e) throws TcpflightException {
        EventFields.check(e, UNSEEN_FIELDS);
        Key key = new Key(file, e.longValue(Fields.INODE));
        KernelOnlySocket known = sockets.get(key);
        String state = EventFields.word(e, Fields.STATE);
        if (known == null) {
            if (sockets.size() >= MAX_SOCKETS) {
                left++;
                return;
            }
            sockets.put(key, new KernelOnlySocket(file, key.inode(), e.intValue(Fields.FD),
                    EventFields.word(e, Fields.ROLE),
                    endpoint(e, Fields.LOCAL_ADDRESS, Fields.LOCAL_PORT),
                    endpoint(e, Fields.REMOTE_ADDRESS, Fields.REMOTE_PORT),
                    new ArrayList<>(List.of(state)), EventFields.word(e, Fields.REASON)));
        } else if (!known.states().get(known.states().size() - 1).equals(state)) {
            known.states().add(state);
        }
    }

    private static Endpoint endpoint(EventView e, String address, String port) {
        return new Endpoint(e.string(address), e.intValue(port));
    }

    /** Whether {@code file} holds any of the agent's periodic events: the agent was loaded and recorded. */
    boolean agentWasThere(Path file) {
        return withAgent.contains(file);
    }

    /** The sockets seen only by the kernel, in the order first reported. */
    public List<KernelOnlySocket> sockets() {
        return sockets.values().stream().map(s -> new KernelOnlySocket(s.file(), s.inode(), s.fd(), s.role(),
                s.local(), s.remote(), List.copyOf(s.states()), s.reason())).toList();
    }

    /** Sockets beyond {@value #MAX_SOCKETS}, counted only. */
    public long leftOut() {
        return left;
    }

    /** {@code Netty io_uring (io.netty.channel.uring.LinuxSocket)}, each once. */
    public List<String> untracedTransports() {
        return List.copyOf(transports);
    }
}
