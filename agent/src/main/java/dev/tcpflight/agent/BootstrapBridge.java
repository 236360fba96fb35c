package dev.tcpflight.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Defines the few classes that advice inlined into java.base calls (the bridge package and the one schema type
 * it passes on) in the bootstrap class loader, each directly, from the agent jar's bytes. Appending the jar to
 * the bootstrap class path instead would make the JVM warn and share only boot classes from its CDS archive on:
 * this way the rest of the agent stays an ordinary class of the system class path, and the application's
 * archived classes stay in use. The system class loader asks the bootstrap loader first, so the agent's own
 * classes use these same definitions, never copies of their own ({@link #problem} says when an archive holds
 * some). Byte Buddy's {@code ClassInjector.UsingUnsafe} does the same, but
 * the agent keeps Byte Buddy's Unsafe use switched off ({@code net.bytebuddy.safe}, see {@link AgentInstaller}).
 */
final class BootstrapBridge {

    /** In definition order (a type after its supertypes); {@code BootstrapBridgeTest} checks it is complete. */
    static final List<String> CLASSES = List.of(
            "dev.tcpflight.schema.Vocabulary", "dev.tcpflight.schema.SocketApi",
            "dev.tcpflight.agent.bridge.Tracking", "dev.tcpflight.agent.bridge.SocketInspection",
            "dev.tcpflight.agent.bridge.AgentFailures", "dev.tcpflight.agent.bridge.ReentrancyGuard",
            "dev.tcpflight.agent.bridge.UntracedTransports", "dev.tcpflight.agent.bridge.UntracedTransports$Met",
            "dev.tcpflight.agent.bridge.NativeTransports", "dev.tcpflight.agent.bridge.AcceptHandOff",
            "dev.tcpflight.agent.bridge.PlatformMBeanServerHandOff", "dev.tcpflight.agent.bridge.TcpBridge");

    private BootstrapBridge() {
    }

    /** Defines {@link #CLASSES} in the bootstrap loader, unless an earlier attach of this agent did. */
    static void define(Instrumentation instrumentation, JarFile agentJar) throws ReflectiveOperationException,
            IOException {
        if (definedAlready()) {
            return;
        }
        // jdk.internal.misc.Unsafe, opened to this module only, as the agent opens the socket internals it reads.
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(BootstrapBridge.class.getModule())), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (String name : CLASSES) {
            byte[] classFile = read(agentJar, name);
            defineClass.invoke(unsafe, name, classFile, 0, classFile.length, null, null);
        }
    }

    /**
     * Null when the agent's own class loader sees the bootstrap definitions, else why not: it holds copies of its
     * own, which a CDS archive or an AOT cache made with the agent jar on {@code -cp} brings along (made without
     * the agent, or preloaded before it starts). The advice would then call a bridge the tracker is not installed
     * in, silently; better to say so and not start.
     */
    static String problem() {
        for (String name : CLASSES) {
            try {
                ClassLoader loader = Class.forName(name, false, BootstrapBridge.class.getClassLoader())
                        .getClassLoader();
                if (loader != null) {
                    return "the application class loader has its own copy of " + name + " (tcpflight-agent.jar was"
                            + " on -cp when this JVM's CDS archive or AOT cache was made): leave the agent jar off"
                            + " -cp, the agent's classes then load from the -javaagent jar";
                }
            } catch (ClassNotFoundException | LinkageError e) {
                return "its bridge class " + name + " cannot be loaded: " + e;
            }
        }
        return null;
    }

    private static boolean definedAlready() {
        try {
            Class.forName(CLASSES.get(CLASSES.size() - 1), false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] read(JarFile jar, String className) throws IOException {
        ZipEntry entry = jar.getEntry(className.replace('.', '/') + ".class");
        if (entry == null) {
            throw new IOException(className + " is not in " + jar.getName());
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
