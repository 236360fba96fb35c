package dev.tcpflight.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent} and of dynamic attach. Advice inlined into java.base can only call classes
 * the bootstrap loader sees, so the bridge it calls is defined there first ({@link BootstrapBridge}); the rest of
 * the agent runs from the system class loader, as the JVM loaded this class: one copy of each class, no
 * temporary files, Byte Buddy relocated so it never meets the application's own.
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
            BootstrapBridge.define(instrumentation, agentJar);
            String problem = BootstrapBridge.problem();
            if (problem != null) {
                System.err.println("[tcpflight] WARNING: agent not started: " + problem);
                return;
            }
            // Only now: the installer's classes name the bridge, which must resolve to the bootstrap definitions.
            AgentInstaller.install(arguments, instrumentation, agentJar, atLaunch);
        } catch (Throwable e) {
            // Never stop the application from starting because of the agent.
            System.err.println("[tcpflight] WARNING: agent not started: " + e);
        }
    }
}
