package dev.tcpflight.agent.tracking;

import java.net.InetSocketAddress;
import java.util.Set;

/** Agent option {@code ports=}: which connections to track, by local or remote port; empty tracks all. */
public record PortFilter(Set<Integer> ports) {

    public static final PortFilter ALL = new PortFilter(Set.of());

    public PortFilter {
        ports = Set.copyOf(ports);
    }

    /** Whether a socket with these ends is tracked; also how an untracked socket of the process is classed. */
    public boolean admits(InetSocketAddress local, InetSocketAddress remote) {
        return ports.isEmpty() || local != null && ports.contains(local.getPort())
                || remote != null && ports.contains(remote.getPort());
    }
}
