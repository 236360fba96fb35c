package dev.tcpflight.agent.events;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
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

    private EventRegistration(SocketStatesReporter states, PreexistingSocketsReporter preexisting) {
        this.states = states;
        this.preexisting = preexisting;
    }

    public static void whenRecorderStarts(SocketStatesReporter states, PreexistingSocketsReporter preexisting) {
        FlightRecorder.addListener(new EventRegistration(states, preexisting));
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        FlightRecorder.register(StateChangeEvent.class);
        FlightRecorder.register(ConnectionEvent.class);
        FlightRecorder.register(SocketStatesEvent.class);
        FlightRecorder.register(PreexistingSocketEvent.class);
        FlightRecorder.addPeriodicEvent(SocketStatesEvent.class, states);
        FlightRecorder.addPeriodicEvent(PreexistingSocketEvent.class, preexisting);
    }
}
