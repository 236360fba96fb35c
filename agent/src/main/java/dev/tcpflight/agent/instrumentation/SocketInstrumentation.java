package dev.tcpflight.agent.instrumentation;

import java.util.List;

/** The hooks for one class: a JDK socket class, or a library's (Netty's native transport); and ManagementFactory. */
public interface SocketInstrumentation {

    /** Binary name of the class, e.g. {@code sun.nio.ch.NioSocketImpl}; a library class's in its own package. */
    String typeName();

    List<Hook> hooks();

    /**
     * Null for a JDK class, hooked in the bootstrap loader by its exact name. For a library class, how the binary
     * names it is hooked under end, e.g. {@code .netty.channel.unix.Socket}: in any class loader and any package
     * that ends so, because applications relocate (shade) libraries (gRPC's {@code io.grpc.netty.shaded.io.netty}).
     * A library hook whose method a version lacks is expected, not a gap to warn about.
     */
    default String nameSuffix() {
        return null;
    }
}
