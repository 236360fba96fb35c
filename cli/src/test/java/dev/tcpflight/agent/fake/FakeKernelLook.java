package dev.tcpflight.agent.fake;

import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import dev.tcpflight.schema.UnseenReason;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import dev.tcpflight.schema.events.UntracedTransportEvent;

/**
 * Commits the agent's periodic events as the agent does: its socket counts ({@code tcpflight.SocketStates}),
 * its looks at one socket no hook saw ({@code tcpflight.UnseenSocket}) and an untraced transport.
 */
public final class FakeKernelLook {

    private FakeKernelLook() {
    }

    /** One second's socket counts of an agent that tracks nothing. */
    public static void socketStates() {
        new SocketStatesEvent().commit();
    }

    /** A client socket inherited at start: found ESTABLISHED, then, after the peer's FIN, CLOSE_WAIT. */
    public static void inheritedClient(int fd, int localPort, int remotePort) {
        unseen(fd, localPort, remotePort, TcpState.CLOSED, TcpState.ESTABLISHED, Trigger.FIRST_SEEN, Source.INFERRED);
        unseen(fd, localPort, remotePort, TcpState.ESTABLISHED, TcpState.ESTABLISHED, null, null);
        unseen(fd, localPort, remotePort, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, Trigger.KERNEL, Source.KERNEL);
    }

    public static void untracedTransport(String transport, String className) {
        UntracedTransportEvent event = new UntracedTransportEvent();
        event.transport = transport;
        event.detail = className;
        event.commit();
    }

    private static void unseen(int fd, int localPort, int remotePort, TcpState from, TcpState to, Trigger trigger,
                               Source source) {
        UnseenSocketEvent event = new UnseenSocketEvent();
        event.inode = 4_000_000L + fd;
        event.fd = fd;
        event.localAddress = "127.0.0.1";
        event.localPort = localPort;
        event.remoteAddress = "127.0.0.1";
        event.remotePort = remotePort;
        event.fromState = from.name();
        event.state = to.name();
        event.trigger = trigger == null ? "" : trigger.label();
        event.source = source == null ? "" : source.label();
        event.role = Role.CLIENT.label();
        event.reason = UnseenReason.UNHOOKED.label();
        event.commit();
    }
}
