package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code tcpflight.UntracedTransport}: a transport the agent met but cannot trace (Netty's io_uring or kqueue),
 * so its connections show only as {@code tcpflight.UnseenSocket}. Emitted when it is first met and at the start
 * and end of every chunk, so that every recording made after says so.
 */
@Name(UntracedTransportEvent.NAME)
@Label("Untraced TCP Transport")
@Category("TCP")
@Description("A socket transport the tcpflight agent met but does not trace; its sockets are seen only by the kernel")
@StackTrace(false)
@Period("everyChunk")
public final class UntracedTransportEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "UntracedTransport";

    @Label("Transport")
    @Description("What it is, e.g. Netty io_uring")
    public String transport;

    @Label("Detail")
    @Description("The class the agent met it by")
    public String detail;
}
