package dev.tcpflight.agent.events;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import dev.tcpflight.schema.events.UnseenSocketEvent;
import dev.tcpflight.schema.events.UntracedTransportEvent;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Registers the tcpflight events when JFR initialises, which is when the first recording starts (or at once, if
 * one has started already). Registering at agent start would initialise JFR in every JVM the agent is in, about
 * 100 ms of start-up even when nobody records. Until then the events are unregistered and cost nothing to skip.
 * JFR's own initialisation still never happens inside the agent's class transformation (JDK-8371889 deadlock on
 * JDK < 22): the transformer does not touch JFR.
 */
public final class EventRegistration implements FlightRecorderListener {

    private final SocketStatesReporter states;
    private final PreexistingSocketsReporter preexisting;
    private final UnseenSocketsReporter unseen;

    private EventRegistration(SocketStatesReporter states, PreexistingSocketsReporter preexisting,
                              UnseenSocketsReporter unseen) {
        this.states = states;
        this.preexisting = preexisting;
        this.unseen = unseen;
    }

    public static void whenRecorderStarts(SocketStatesReporter states, PreexistingSocketsReporter preexisting,
                                          UnseenSocketsReporter unseen) {
        FlightRecorder.addListener(new EventRegistration(states, preexisting, unseen));
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        FlightRecorder.register(StateChangeEvent.class);
        FlightRecorder.register(ConnectionEvent.class);
        FlightRecorder.register(SocketStatesEvent.class);
        FlightRecorder.register(PreexistingSocketEvent.class);
        FlightRecorder.register(UnseenSocketEvent.class);
        FlightRecorder.register(UntracedTransportEvent.class);
        FlightRecorder.addPeriodicEvent(SocketStatesEvent.class, states);
        FlightRecorder.addPeriodicEvent(PreexistingSocketEvent.class, preexisting);
        FlightRecorder.addPeriodicEvent(UnseenSocketEvent.class, unseen.sockets());
        FlightRecorder.addPeriodicEvent(UntracedTransportEvent.class, unseen.chunkEdge());
    }
}
