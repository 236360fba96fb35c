package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionKey;
import dev.tcpflight.cli.recording.SocketInfo;

/**
 * One problem found on one connection.
 *
 * @param location the application frame to look at ({@code Class.method:line}), "" when unknown
 * @param evidence what the recording shows, in words
 */
public record Anomaly(AnomalyKind kind, String location, ConnectionKey connection, SocketInfo socket,
                      String evidence) {
}
