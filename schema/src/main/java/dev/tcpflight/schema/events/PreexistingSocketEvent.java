package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code tcpflight.PreexistingSocket}: one per TCP socket the process had open when the agent was attached, as
 * the kernel listed it then. Emitted at the start of every recording chunk (like {@code jdk.InitialSystemProperty}),
 * so that any recording started after the attach has them.
 */
@Name(PreexistingSocketEvent.NAME)
@Label("TCP Socket Open Before Attach")
@Category("TCP")
@Description("A TCP socket the process had open when the tcpflight agent was attached, in its state at the attach")
@StackTrace(false)
@Period("beginChunk")
public final class PreexistingSocketEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "PreexistingSocket";

    @Label("File Descriptor")
    public int fd;

    @Label("Local Address")
    public String localAddress;

    @Label("Local Port")
    public int localPort;

    @Label("Remote Address")
    @Description("Empty for a listener")
    public String remoteAddress;

    @Label("Remote Port")
    public int remotePort;

    @Label("State At Attach")
    @Description("The kernel's state of the socket when the agent was attached")
    public String state;

    @Label("Role")
    @Description("listener; server when its local port is one the process listened on; otherwise client")
    public String role;
}
