package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.Role;

/** What both tcpflight event types say about the socket itself. */
public record SocketInfo(String role, String socketApi, Endpoint local, Endpoint remote) {

    public boolean is(Role what) {
        return role.equals(what.label());
    }
}
