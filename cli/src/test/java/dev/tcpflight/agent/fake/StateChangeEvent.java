package dev.tcpflight.agent.fake;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Name;

/** Test copy of the agent's event: same name and fields, so recordings made with it read like the agent's. */
@Name("tcpflight.StateChange")
@Category("TCP")
public class StateChangeEvent extends Event {
    long connectionId;
    int sequence;
    String localAddress;
    int localPort;
    String remoteAddress;
    int remotePort;
    String fromState;
    String toState;
    String trigger;
    String source;
    String socketApi;
    String role;
    String detail;
}
