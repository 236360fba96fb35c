package dev.tcpflight.agent.fake;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Name;

/** Test copy of the agent's event: same name and fields, so recordings made with it read like the agent's. */
@Name("tcpflight.Connection")
@Category("TCP")
public class ConnectionEvent extends Event {
    long connectionId;
    String localAddress;
    int localPort;
    String remoteAddress;
    int remotePort;
    String role;
    String socketApi;
    @DataAmount
    long bytesRead;
    @DataAmount
    long bytesWritten;
    String finalState;
    String endCause;
}
