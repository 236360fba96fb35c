package dev.tcpflight.schema.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code tcpflight.UnseenSocket}: a TCP socket of the process that no tracked socket owns, as the kernel lists it
 * ({@code /proc/self/fd} and {@code /proc/net/tcp{,6}}, Linux). One per such socket at each periodic look, so a
 * recording never looks empty while connections exist; the look's change of its state, if any, is in
 * {@code fromState}, {@code trigger} and {@code source}.
 */
@Name(UnseenSocketEvent.NAME)
@Label("TCP Socket Seen Only By The Kernel")
@Category("TCP")
@Description("A TCP socket of the process that no tcpflight hook saw, in the state the kernel lists it in")
@StackTrace(false)
@Period("1 s")
public final class UnseenSocketEvent extends Event {

    public static final String NAME = TcpflightEvents.PREFIX + "UnseenSocket";

    @Label("Inode")
    @Description("The socket's inode: one socket across looks")
    public long inode;

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

    @Label("State")
    @Description("The kernel's state of the socket at this look; CLOSED once it has left the process")
    public String state;

    @Label("From State")
    @Description("Its state at the look before (CLOSED when first reported); the same as state when unchanged")
    public String fromState;

    @Label("Trigger")
    @Description("first-seen, kernel, or empty when this look found it unchanged")
    public String trigger;

    @Label("Source")
    @Description("inferred (first-seen), kernel, or empty when unchanged")
    public String source;

    @Label("Role")
    @Description("listener; server when its local port is one the process listens on; otherwise client")
    public String role;

    @Label("Reason")
    @Description("unhooked (made through a path no hook covers) or filtered (outside the agent option ports=)")
    public String reason;
}
