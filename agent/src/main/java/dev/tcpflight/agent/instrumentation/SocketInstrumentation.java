package dev.tcpflight.agent.instrumentation;

import java.util.List;

/** The hooks for one JDK socket implementation class. */
public interface SocketInstrumentation {

    /** Binary name of the JDK class, e.g. {@code sun.nio.ch.NioSocketImpl}. */
    String typeName();

    List<Hook> hooks();
}
