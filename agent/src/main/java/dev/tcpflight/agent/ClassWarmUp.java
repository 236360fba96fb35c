package dev.tcpflight.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Links and initialises the agent's own socket-path classes on the installing thread. A class first used by two
 * application threads at once makes one of them wait while the other links it, and on JDK 25 a virtual thread
 * waits pinned to its carrier there (seen as {@code jdk.VirtualThreadPinned} in {@code ConnectionTracker.closing});
 * done here, no application thread ever waits for it. Left out: the kernel package (only used with
 * {@code kernel=on}; its classes read {@code /proc} as they initialise) and the JFR event classes (initialising
 * one starts JFR's own class machinery, about 70 ms here, which registering them defers to the first recording).
 */
final class ClassWarmUp {

    /**
     * Every top-level class of the bridge, tracking and events packages but the event classes, each warmed up with
     * the classes nested in it; {@code ClassWarmUpTest} fails when one is missing. Listed rather than found in the
     * agent jar: going through its 3,000 entries took about 20 ms of start-up.
     */
    static final List<String> CLASSES = List.of(
            "bridge.AcceptHandOff", "bridge.AgentFailures", "bridge.NativeTransports", "bridge.ReentrancyGuard",
            "bridge.TcpBridge",
            "events.EventRegistration", "events.FaultInjectingRecorder", "events.JfrRecorder",
            "events.PreexistingSocketsReporter", "events.SocketStatesReporter", "events.StackTracePolicy",
            "tracking.ConnectionTracker", "tracking.EndCause", "tracking.KernelWatch", "tracking.Observation",
            "tracking.OpenSocket", "tracking.PeerSignal", "tracking.PortFilter", "tracking.PreexistingSockets", "tracking.Role",
            "tracking.SocketApi", "tracking.SocketProbe", "tracking.SocketRegistry", "tracking.Source",
            "tracking.TcpState", "tracking.TcpStateMachine", "tracking.TrackedSocket", "tracking.Transition",
            "tracking.TransitionRecorder");

    private ClassWarmUp() {
    }

    static void run() {
        for (Class<?> type : classes()) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (Throwable e) {
                // The class initialises on first use instead, as it would without the warm-up.
            }
        }
    }

    /** The listed classes and their nest members (nested, anonymous and switch-map classes), not initialised. */
    static List<Class<?>> classes() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : CLASSES) {
            try {
                // A nest host is the first of its own nest members.
                classes.addAll(List.of(Class.forName("dev.tcpflight.agent." + name, false,
                        ClassWarmUp.class.getClassLoader()).getNestMembers()));
            } catch (Throwable e) {
                // Left to initialise on first use.
            }
        }
        return classes;
    }
}
