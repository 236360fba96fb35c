package dev.tcpflight.cli.analysis;

/** How many connections had this remote end: a service (host:port) for clients, a peer host for servers. */
public record EndpointCount(String role, String endpoint, long connections) {
}
