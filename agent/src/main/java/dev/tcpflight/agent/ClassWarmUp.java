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
     * Every top-level class of the agent's bridge, events and tracking packages and of the schema but the event
     * classes, each warmed up with the classes nested in it (not {@code agent.jdk}: its handles need the JDK
     * packages the installer opens after the warm-up, and the installer initialises them itself);
     * {@code ClassWarmUpTest} fails when one is missing. Listed rather than found in the agent jar: going through
     * its 3,000 entries took about 20 ms of start-up.
     */
    static final List<String> CLASSES = List.of(
            "agent.bridge.AcceptHandOff", "agent.bridge.AgentFailures", "agent.bridge.NativeTransports",
            "agent.bridge.ReentrancyGuard", "agent.bridge.SocketInspection", "agent.bridge.TcpBridge",
            "agent.bridge.PlatformMBeanServerHandOff", "agent.bridge.Tracking", "agent.bridge.UntracedTransports",
            "agent.events.EventRegistration", "agent.events.FaultInjectingRecorder", "agent.events.JfrRecorder",
            "agent.events.PreexistingSocketsReporter", "agent.events.SocketStatesReporter",
            "agent.events.StackTracePolicy", "agent.events.UnseenSocketsReporter",
            "agent.tracking.CodeLocation", "agent.tracking.ConnectionCounts", "agent.tracking.ConnectionTracker",
            "agent.tracking.KernelWatch",
            "agent.tracking.Observation",
            "agent.tracking.OpenSocket", "agent.tracking.PeerSignal", "agent.tracking.PortFilter",
            "agent.tracking.PreexistingSockets", "agent.tracking.SocketProbe", "agent.tracking.SocketRegistry",
            "agent.tracking.TcpStateMachine", "agent.tracking.TrackedSocket", "agent.tracking.Transition",
            "agent.tracking.TransitionRecorder",
            "schema.AgentOptions", "schema.AgentProperties", "schema.EndCause", "schema.Role", "schema.SocketApi",
            "schema.Source", "schema.TcpState", "schema.Trigger", "schema.UnseenReason", "schema.Vocabulary");

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
                classes.addAll(List.of(Class.forName("dev.tcpflight." + name, false,
                        ClassWarmUp.class.getClassLoader()).getNestMembers()));
            } catch (Throwable e) {
                // Left to initialise on first use.
            }
        }
        return classes;
    }
}
