package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code tcpflight.Connection}: one per socket, committed when it ends; its duration spans open to end. */
@Name(ConnectionEvent.NAME)
@Label("TCP Connection")
@Category("TCP")
@Description("The life of one TCP socket, from listen/connect/accept to its end")
@StackTrace(false)
public final class ConnectionEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "Connection";

    @Label("Connection Id")
    public long connectionId;

    @Label("Local Address")
    public String localAddress;

    @Label("Local Port")
    public int localPort;

    @Label("Remote Address")
    public String remoteAddress;

    @Label("Remote Port")
    public int remotePort;

    @Label("Role")
    public String role;

    @Label("Socket API")
    public String socketApi;

    @Label("Bytes Read")
    @DataAmount
    public long bytesRead;

    @Label("Bytes Written")
    @DataAmount
    public long bytesWritten;

    @Label("Final State")
    @Description("The state the JVM last saw; later kernel-side states come as tcpflight.StateChange events")
    public String finalState;

    @Label("End Cause")
    @Description("local-close, peer-close, reset, refused, timeout, failed, or leaked"
            + " (garbage-collected without close)")
    public String endCause;
}
