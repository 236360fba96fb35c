package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** {@code tcpflight.SocketStates}: netstat's view over time, the number of this JVM's sockets in each state. */
@Name(SocketStatesEvent.NAME)
@Label("TCP Socket States")
@Category("TCP")
@Description("How many of this JVM's tracked sockets are in each TCP state, and the agent's health")
@StackTrace(false)
@Period("1 s")
public final class SocketStatesEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "SocketStates";

    @Label("Tracked")
    @Description("Sockets the JVM holds open, in any state")
    public int tracked;

    @Label("LISTEN")
    public int listen;

    @Label("SYN_SENT")
    public int synSent;

    @Label("ESTABLISHED")
    public int established;

    @Label("FIN_WAIT_1")
    public int finWait1;

    @Label("CLOSE_WAIT")
    public int closeWait;

    @Label("LAST_ACK")
    public int lastAck;

    @Label("Other")
    @Description("Sockets in any other state")
    public int other;

    @Label("Agent Errors")
    @Description("Internal errors the agent contained since start (the application never saw them)")
    public long agentErrors;
}
