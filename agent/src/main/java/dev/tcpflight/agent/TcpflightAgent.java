package dev.tcpflight.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent} and of dynamic attach. Advice inlined into java.base can only call classes
 * the bootstrap loader sees, so the agent jar is appended to the bootstrap class path and everything else runs
 * from there: one copy of each class, no temporary files, Byte Buddy relocated so it never meets the
 * application's own. This class only does that hand-over; it must not name other agent classes directly.
 */
public final class TcpflightAgent {

    private TcpflightAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean atLaunch) {
        try {
            File jar = new File(TcpflightAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            JarFile agentJar = new JarFile(jar);
            instrumentation.appendToBootstrapClassLoaderSearch(agentJar);
            Class.forName("dev.tcpflight.agent.AgentInstaller", true, null)
                    .getMethod("install", String.class, Instrumentation.class, JarFile.class, boolean.class)
                    .invoke(null, arguments, instrumentation, agentJar, atLaunch);
        } catch (Throwable e) {
            // Never stop the application from starting because of the agent.
            System.err.println("[tcpflight] WARNING: agent not started: " + e);
        }
    }
}
