package dev.tcpflight.agent.instrumentation;

import java.util.List;

/** The hooks for one JDK socket implementation class. */
public interface SocketInstrumentation {

    /** Binary name of the JDK class, e.g. {@code sun.nio.ch.NioSocketImpl}. */
    String typeName();

    List<Hook> hooks();

    /**
     * Whether the JDK loads this class from inside file I/O, where it cannot be woven as it loads (Byte Buddy's
     * first use reads files too): it is then loaded up front and retransformed ({@link SocketTransformer}).
     */
    default boolean loadedByFileIo() {
        return false;
    }

    /** Whether this class's reads and writes are seen by another class's hooks (IOUtil's), needed first. */
    default boolean readsThroughIoUtil() {
        return false;
    }
}
