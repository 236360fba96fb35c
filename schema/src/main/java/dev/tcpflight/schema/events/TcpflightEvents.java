package dev.tcpflight.schema.events;

import java.util.List;

/** The event types the agent writes; every event name starts with {@link #PREFIX}. */
public final class TcpflightEvents {

    public static final String PREFIX = "tcpflight.";

    public static final List<Class<? extends jdk.jfr.Event>> ALL = List.of(StateChangeEvent.class,
            ConnectionEvent.class, SocketStatesEvent.class, PreexistingSocketEvent.class, UnseenSocketEvent.class,
            UntracedTransportEvent.class);

    private TcpflightEvents() {
    }
}
