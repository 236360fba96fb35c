package dev.tcpflight.agent.events;

import dev.tcpflight.schema.events.StateChangeEvent;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Agent option {@code stacks=off}: stack traces are a per-recording JFR setting, so the agent switches them off
 * for {@code tcpflight.StateChange} in every recording as it starts, whoever started it (jcmd, -XX:StartFlight-
 * Recording, JMC). The cheapest way to record transitions when only counts and endpoints matter.
 */
public final class StackTracePolicy {

    private StackTracePolicy() {
    }

    public static void disableStackTraces() {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording recording) {
                if (recording.getState() == RecordingState.RUNNING) {
                    recording.enable(StateChangeEvent.NAME).withoutStackTrace();
                }
            }
        });
    }
}
