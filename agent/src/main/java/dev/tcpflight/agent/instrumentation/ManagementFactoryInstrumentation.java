package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tcpflight.agent.bridge.PlatformMBeanServerHandOff;
import java.util.List;
import javax.management.MBeanServer;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.lang.management.ManagementFactory}: not a socket class, but where the platform MBean server is
 * made. The agent's MBean goes into it when the application first asks for it, so a JVM that never uses JMX
 * never pays for JMX.
 */
public final class ManagementFactoryInstrumentation implements SocketInstrumentation {

    @Override
    public String typeName() {
        return "java.lang.management.ManagementFactory";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(new Hook("getPlatformMBeanServer()",
                named("getPlatformMBeanServer").and(takesArguments(0)), PlatformServer.class));
    }

    static final class PlatformServer {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return MBeanServer server) {
            PlatformMBeanServerHandOff.returned(server);
        }
    }
}
