package dev.tcpflight.cli.analysis;

import java.util.Map;

/**
 * The connections from one client JVM to one server JVM's port.
 *
 * @param failed  connections that failed (refused, reset, timed out, connect failed) at either end
 * @param leaking connections that either end held in CLOSE_WAIT, never closed or leaked
 * @param kinds   per anomaly kind (of those two groups), the connections that showed it, worst first
 */
public record MapEdge(MapNode client, MapNode server, int port, long connections, long failed, long leaking,
                      Map<AnomalyKind, Long> kinds) {
}
