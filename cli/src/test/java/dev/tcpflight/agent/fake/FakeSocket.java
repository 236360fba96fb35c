package dev.tcpflight.agent.fake;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.StateChangeEvent;

/**
 * Commits events the way the agent does for one socket. It lives in a {@code dev.tcpflight.agent} package
 * because the reader skips those frames, as it skips the real agent's: the caller is the application frame.
 */
public final class FakeSocket {

    private final long id;
    private final String role;
    private final String socketApi;
    private final String localAddress;
    private final int localPort;
    private final String remoteAddress;
    private final int remotePort;
    private int sequence;
    private ConnectionEvent connection;

    public FakeSocket(long id, String role, String socketApi,
                      String localAddress, int localPort, String remoteAddress, int remotePort) {
        this.id = id;
        this.role = role;
        this.socketApi = socketApi;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
    }

    /** Starts the Connection event's duration, as the agent does when the socket opens. */
    public FakeSocket open() {
        connection = new ConnectionEvent();
        connection.begin();
        return this;
    }

    public void transition(String from, String to, String trigger, String source) {
        transition(from, to, trigger, source, "");
    }

    public void transition(String from, String to, String trigger, String source, String detail) {
        event(from, to, trigger, source, detail).commit();
    }

    /**
     * Starts a transition's event now and returns what commits it: to write events out of time order, or into a
     * recording that starts later (the event keeps its start time).
     */
    public Runnable begin(String from, String to, String trigger, String source) {
        StateChangeEvent event = event(from, to, trigger, source, "");
        event.begin();
        return event::commit;
    }

    /**
     * Starts the event of one call's two steps now, as the agent does for a connect or an accept ({@code via}
     * the state between them); what it returns commits it, ending it then. It holds two sequence numbers.
     */
    public Runnable beginCall(String from, String via, String to, String trigger, String viaSource, String source) {
        StateChangeEvent event = event(from, to, trigger, source, "");
        event.viaState = via;
        event.viaSource = viaSource;
        sequence++;
        event.begin();
        return event::commit;
    }

    private StateChangeEvent event(String from, String to, String trigger, String source, String detail) {
        StateChangeEvent event = new StateChangeEvent();
        event.connectionId = id;
        event.sequence = ++sequence;
        event.localAddress = localAddress;
        event.localPort = localPort;
        event.remoteAddress = remoteAddress;
        event.remotePort = remotePort;
        event.fromState = from;
        event.toState = to;
        event.trigger = trigger;
        event.source = source;
        event.socketApi = socketApi;
        event.role = role;
        event.detail = detail;
        return event;
    }

    public void end(long bytesRead, long bytesWritten, String finalState, String endCause) {
        ending(bytesRead, bytesWritten, finalState, endCause).run();
    }

    /** The Connection event, ended now; what it returns commits it, to write it into a later recording. */
    public Runnable ending(long bytesRead, long bytesWritten, String finalState, String endCause) {
        ConnectionEvent event = connection != null ? connection : new ConnectionEvent();
        event.end();
        event.connectionId = id;
        event.localAddress = localAddress;
        event.localPort = localPort;
        event.remoteAddress = remoteAddress;
        event.remotePort = remotePort;
        event.role = role;
        event.socketApi = socketApi;
        event.bytesRead = bytesRead;
        event.bytesWritten = bytesWritten;
        event.finalState = finalState;
        event.endCause = endCause;
        return event::commit;
    }
}
