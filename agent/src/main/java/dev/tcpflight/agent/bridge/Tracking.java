package dev.tcpflight.agent.bridge;

import dev.tcpflight.schema.SocketApi;
import java.net.InetSocketAddress;

/**
 * What the bridge tells the tracker, which implements it from the agent's own class loader: the bootstrap
 * loader, where the bridge lives so that advice inlined into java.base can call it, cannot see the tracker's
 * classes. A socket is named by its key (see {@link TcpBridge}); {@code owner} is the object the application
 * holds, watched for being dropped without a close.
 */
public interface Tracking {

    void listening(Object key, Object owner, SocketApi api, InetSocketAddress local);

    void connectStarted(Object key, Object owner, SocketApi api, InetSocketAddress remote);

    void connectResumed(Object key);

    void connectReturned(Object key, boolean established, Throwable failure);

    void accepted(Object key, Object owner, SocketApi api, InetSocketAddress local, InetSocketAddress remote);

    /** A read returned {@code result}: bytes, or -1 for the peer's FIN. */
    void read(Object key, long result);

    void wrote(Object key, long bytes);

    void ioFailed(Object key, Throwable failure);

    void inputShutdown(Object key);

    void shuttingOutput(Object key);

    void outputShutdown(Object key);

    /**
     * @param descriptorStaysOpen true where the JDK only shuts the output now and closes the descriptor later
     *                            (a non-blocking channel still registered with a selector)
     */
    void closing(Object key, boolean descriptorStaysOpen);

    /**
     * During a close, after the JDK's waits for readers and writers: it is about to close the descriptor or, where a
     * selector still holds the channel, to shut its output.
     */
    void closeImminent(Object key);

    void closed(Object key);
}
