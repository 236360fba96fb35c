package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionKey;
import dev.tcpflight.cli.recording.SocketInfo;

/** How a connection is named in every output: {@code #2 client 127.0.0.1:50123 → 127.0.0.1:5000}. */
public final class Labels {

    private Labels() {
    }

    public static String connection(ConnectionKey key, SocketInfo socket, Glyphs glyphs) {
        return "#" + key.connectionId() + " " + socket.role() + " " + socket.local() + " " + glyphs.arrow() + " "
                + socket.remote();
    }

    /** {@code [app.jfr]}: connection ids repeat across JVMs, so with several recordings each line says whose. */
    public static String recording(ConnectionKey key) {
        return "[" + key.recording().getFileName() + "]";
    }
}
