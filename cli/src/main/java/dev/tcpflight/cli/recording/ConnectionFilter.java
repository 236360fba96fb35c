package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.TcpState;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which connections a command shows. Each criterion is optional (null or empty: any); all given must hold.
 *
 * @param hosts  canonical addresses (see {@link Addresses}), matched against the local or the remote address
 * @param states connections that were in one of these states at some point
 * @param since  connections still alive at or after this instant
 * @param until  connections that started at or before this instant
 */
public record ConnectionFilter(Integer port, Set<String> hosts, Set<TcpState> states, Set<Long> ids,
                               Instant since, Instant until) implements Predicate<ConnectionTimeline> {

    @Override
    public boolean test(ConnectionTimeline timeline) {
        SocketInfo socket = timeline.socket();
        return (port == null || socket.local().port() == port || socket.remote().port() == port)
                && (hosts.isEmpty() || hosts.contains(Addresses.canonical(socket.local().address()))
                        || hosts.contains(Addresses.canonical(socket.remote().address())))
                && (states.isEmpty() || states.stream().anyMatch(state -> timeline.wasEverIn(state.name())))
                && (ids.isEmpty() || ids.contains(timeline.id()))
                && (since == null || !timeline.until().isBefore(since))
                && (until == null || !timeline.start().isAfter(until));
    }
}
