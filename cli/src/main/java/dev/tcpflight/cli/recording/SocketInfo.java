package dev.tcpflight.cli.recording;

/** What both tcpflight event types say about the socket itself. */
public record SocketInfo(String role, String socketApi, Endpoint local, Endpoint remote) {
}
