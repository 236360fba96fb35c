package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code tcpflight.StateChange}: one TCP state transition of one socket, or the two that one call made (a connect,
 * an accept: {@link #viaState}), which then share one event and one stack trace. Field names are public API.
 */
@Name(StateChangeEvent.NAME)
@Label("TCP State Change")
@Category("TCP")
@Description("A TCP socket moved from one RFC 793 state to another")
@StackTrace(true)
public final class StateChangeEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "StateChange";

    @Label("Connection Id")
    @Description("Unique per socket within one JVM run (listener sockets get one too)")
    public long connectionId;

    @Label("Sequence")
    @Description("1, 2, 3... in the order of this connection's transitions; an event with a via state holds two,"
            + " this number and the next")
    public int sequence;

    @Label("Local Address")
    public String localAddress;

    @Label("Local Port")
    public int localPort;

    @Label("Remote Address")
    @Description("Empty for a listener")
    public String remoteAddress;

    @Label("Remote Port")
    @Description("0 for a listener")
    public int remotePort;

    @Label("From State")
    public String fromState;

    @Label("Via State")
    @Description("Where one call made two transitions (a connect: SYN_SENT; an accept: SYN_RECEIVED), the state"
            + " between them: From State to it at the event's start, it to To State at the event's end; else empty")
    public String viaState;

    @Label("Via Source")
    @Description("How the step into the via state is known (an accept's SYN_RECEIVED: inferred); else empty")
    public String viaSource;

    @Label("To State")
    public String toState;

    @Label("Trigger")
    @Description("What moved it: connect, accept, listen, read-eof, fin-found, shutdown-output, close, reset"
            + " (RST received), abortive-close (RST sent), connect-refused, kernel, ...")
    public String trigger;

    @Label("Source")
    @Description("api (seen in a JDK call), inferred (implied by one), kernel (seen in the OS socket table)")
    public String source;

    @Label("Socket API")
    @Description("java.net.Socket, java.net.ServerSocket, SocketChannel, ServerSocketChannel, ...")
    public String socketApi;

    @Label("Role")
    @Description("client, server (accepted) or listener")
    public String role;

    @Label("Detail")
    @Description("Exception class and message where one caused the transition, else empty")
    public String detail;
}
