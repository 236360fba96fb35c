package dev.tcpflight.agent.jmx;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.bridge.PlatformMBeanServerHandOff;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Puts {@link ConnectionsMXBean} into the platform MBean server without ever creating that server: when the
 * application first asks for it ({@code instrumentation.ManagementFactoryInstrumentation}), or at once if an
 * attach finds it made already. No port is opened: remote JMX stays the application's own choice.
 */
public final class JmxRegistration {

    public static final String OBJECT_NAME = "dev.tcpflight:type=Connections";

    private JmxRegistration() {
    }

    /** Call before ManagementFactory is woven, so that no server creation can pass unseen. */
    public static void register(ConnectionsView view, Instrumentation instrumentation) {
        Module management = ManagementFactory.class.getModule();
        // The advice inlined in ManagementFactory calls the bridge; the agent reads the server made before it came.
        instrumentation.redefineModule(management, Set.of(PlatformMBeanServerHandOff.class.getModule()), Map.of(),
                Map.of("java.lang.management", Set.of(JmxRegistration.class.getModule())), Set.of(), Map.of());
        PlatformMBeanServerHandOff.install(server -> registerIn((MBeanServer) server, view));
        MBeanServer existing = existingPlatformServer();
        if (existing != null) {
            PlatformMBeanServerHandOff.returned(existing);
        }
    }

    private static void registerIn(MBeanServer server, ConnectionsView view) {
        try {
            server.registerMBean(view, new ObjectName(OBJECT_NAME));
            view.registered();
        } catch (InstanceAlreadyExistsException e) {
            // registered by a racing first call; one is enough
        } catch (Exception e) {
            AgentFailures.record("MBean registration", e);
        }
    }

    private static MBeanServer existingPlatformServer() {
        try {
            Field field = ManagementFactory.class.getDeclaredField("platformMBeanServer");
            field.setAccessible(true);
            return (MBeanServer) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentFailures.record("MBean registration", e);
            return null;
        }
    }
}
