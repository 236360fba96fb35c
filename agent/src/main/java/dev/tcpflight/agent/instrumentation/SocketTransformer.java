package dev.tcpflight.agent.instrumentation;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The agent's one class-file transformer: a plain JDK transformer that hands only the hooked JDK classes (and the
 * hooked library classes, Netty's native transport, in whichever loader and package they come) to Byte Buddy
 * ({@link AdviceWeaver}), instead of Byte Buddy's {@code AgentBuilder}, which matches every loaded class (about
 * 90 ms of start-up here). The hooked classes are loaded (not initialised) and retransformed before
 * the agent returns, never woven as they first load: weaving inside another class's loading can load more
 * classes, and a class loaded during a transformation is not transformed itself (JDK 25 loads
 * {@code SocketChannelImpl} on any file read, Byte Buddy's own included); doing it on a background thread
 * deadlocked with an application thread on JDK 25. It stays registered, because JDK 17 re-transforms socket
 * classes itself whenever a JFR recording starts, and the advice must be applied again each time.
 */
public final class SocketTransformer implements ClassFileTransformer {

    /** JDK classes, keyed by internal name ({@code sun/nio/ch/NioSocketImpl}), as {@code transform} receives it. */
    private final Map<String, SocketInstrumentation> targets;
    /** Library classes, matched by the end of their name in any loader ({@link SocketInstrumentation#nameSuffix}). */
    private final List<LibraryTarget> libraryTargets;
    private final AdviceWeaver weaver;
    private final PrintStream log;

    /** A library instrumentation and the end of the internal names it hooks ({@code /netty/channel/unix/Socket}). */
    private record LibraryTarget(String internalSuffix, SocketInstrumentation instrumentation) {
        boolean matches(String internalName) {
            return internalName.endsWith(internalSuffix);
        }
    }

    public SocketTransformer(List<SocketInstrumentation> instrumentations, ClassFileLocator adviceLocator,
                             PrintStream log, boolean verbose) {
        // Loops rather than streams here and in installOn: each lambda is a class spun at JVM start.
        Map<String, SocketInstrumentation> targets = new HashMap<>();
        List<LibraryTarget> libraryTargets = new ArrayList<>();
        for (SocketInstrumentation target : instrumentations) {
            if (target.nameSuffix() == null) {
                targets.put(target.typeName().replace('.', '/'), target);
            } else {
                libraryTargets.add(new LibraryTarget(target.nameSuffix().replace('.', '/'), target));
            }
        }
        this.targets = Map.copyOf(targets);
        this.libraryTargets = List.copyOf(libraryTargets);
        this.weaver = new AdviceWeaver(adviceLocator, log, verbose);
        this.log = log;
    }

    /**
     * Loads every hooked class, registers this transformer and retransforms them all at once: one class
     * redefinition for the lot (each one is a safepoint and drops compiled code that depends on the classes). Should
     * the JVM refuse one woven class, they are retransformed one by one, so that only that one stays untraced.
     */
    public void installOn(Instrumentation instrumentation) {
        List<Class<?>> hooked = new ArrayList<>();
        for (SocketInstrumentation target : targets.values()) {
            Class<?> type = load(target.typeName());
            if (type != null) {
                hooked.add(type);
            }
        }
        if (!libraryTargets.isEmpty()) {
            // Library classes are never loaded by the agent (which copies an application has, and in which loader,
            // is the application's business): those it has loaded already, before an attach, are woven now, the
            // others as they load.
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                if (type.getClassLoader() != null && libraryTarget(type.getName().replace('.', '/')) != null
                        && instrumentation.isModifiableClass(type)) {
                    hooked.add(type);
                }
            }
        }
        instrumentation.addTransformer(this, true);
        try {
            instrumentation.retransformClasses(hooked.toArray(new Class<?>[0]));
        } catch (Throwable all) {
            for (Class<?> type : hooked) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (Throwable e) {
                    warnNotTraced(type.getName(), e);
                }
            }
        }
    }

    /** Loads without initialising: no code of the class runs. Null for a class this JDK or OS does not have. */
    private static Class<?> load(String typeName) {
        try {
            return Class.forName(typeName, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (className == null) {
            return null;
        }
        SocketInstrumentation target = loader == null ? targets.get(className) : libraryTarget(className);
        if (target == null) {
            return null;
        }
        String typeName = className.replace('/', '.');
        try {
            return weaver.weave(target, typeName, classFile, loader);
        } catch (Throwable e) {
            // The class stays as it was: its sockets go untraced, the application is unaffected.
            warnNotTraced(typeName, e);
            return null;
        }
    }

    /** The library instrumentation for a class of an application's loader, or null (almost every class). */
    private SocketInstrumentation libraryTarget(String internalName) {
        for (LibraryTarget target : libraryTargets) {
            if (target.matches(internalName)) {
                return target.instrumentation();
            }
        }
        return null;
    }

    private void warnNotTraced(String typeName, Throwable e) {
        log.println("[tcpflight] WARNING: could not instrument " + typeName + ": " + e
                + "; its sockets are not traced");
    }
}
