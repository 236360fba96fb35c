package dev.tcpflight.schema.events;

/**
 * The field names of the tcpflight events, as readers ask for them ({@code RecordedEvent.getValue}). Each is the
 * name of a field of an event class in this package; {@code EventSchemaTest} fails when one is not, or when an
 * event class has a field without its name here.
 */
public final class Fields {

    // Of every connection's events
    public static final String CONNECTION_ID = "connectionId";
    public static final String LOCAL_ADDRESS = "localAddress";
    public static final String LOCAL_PORT = "localPort";
    public static final String REMOTE_ADDRESS = "remoteAddress";
    public static final String REMOTE_PORT = "remotePort";
    public static final String ROLE = "role";
    public static final String SOCKET_API = "socketApi";

    // tcpflight.StateChange
    public static final String SEQUENCE = "sequence";
    public static final String FROM_STATE = "fromState";
    public static final String VIA_STATE = "viaState";
    public static final String VIA_SOURCE = "viaSource";
    public static final String TO_STATE = "toState";
    public static final String TRIGGER = "trigger";
    public static final String SOURCE = "source";
    public static final String DETAIL = "detail";

    // tcpflight.Connection
    public static final String BYTES_READ = "bytesRead";
    public static final String BYTES_WRITTEN = "bytesWritten";
    public static final String FINAL_STATE = "finalState";
    public static final String END_CAUSE = "endCause";

    // tcpflight.SocketStates
    public static final String TRACKED = "tracked";
    public static final String LISTEN = "listen";
    public static final String SYN_SENT = "synSent";
    public static final String ESTABLISHED = "established";
    public static final String FIN_WAIT1 = "finWait1";
    public static final String CLOSE_WAIT = "closeWait";
    public static final String LAST_ACK = "lastAck";
    public static final String OTHER = "other";
    public static final String AGENT_ERRORS = "agentErrors";

    // tcpflight.PreexistingSocket
    public static final String FD = "fd";
    public static final String STATE = "state";

    // tcpflight.UnseenSocket (with FD, STATE, FROM_STATE, TRIGGER, SOURCE, ROLE and the addresses)
    public static final String INODE = "inode";
    public static final String REASON = "reason";

    // tcpflight.UntracedTransport (with DETAIL)
    public static final String TRANSPORT = "transport";

    private Fields() {
    }
}
