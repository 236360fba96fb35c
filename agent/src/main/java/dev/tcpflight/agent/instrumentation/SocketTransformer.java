package dev.tcpflight.agent.instrumentation;

import net.bytebuddy.dynamic.ClassFileLocator;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agent's one class-file transformer: a plain JDK transformer that hands only the hooked JDK classes to
 * Byte Buddy ({@link AdviceWeaver}). Byte Buddy is therefore loaded when the first socket class is, not at JVM
 * start (Byte Buddy's {@code AgentBuilder} loads and scans every class at start-up: about 200 ms here). It stays
 * registered for retransformation, because JDK 17 re-transforms socket classes itself whenever a JFR recording
 * starts and the advice must be applied again each time.
 * <p>
 * A class that the JDK loads from inside file I/O ({@code IOUtil}) cannot be woven as it loads: Byte Buddy's own
 * first use reads files. It is loaded up front and woven by retransformation, on a background thread when the
 * JVM is starting; the classes whose I/O goes through it wait for that before they are woven.
 */
public final class SocketTransformer implements ClassFileTransformer {

    /** Longer than any retransformation takes; only there so that a failure can never hang a socket class. */
    private static final long FILE_IO_WAIT_SECONDS = 30;

    /** Keyed by internal name ({@code sun/nio/ch/NioSocketImpl}), as {@code transform} receives it. */
    private final Map<String, SocketInstrumentation> targets;
    private final AdviceWeaver weaver;
    private final PrintStream log;
    private final CountDownLatch fileIoClassesWoven = new CountDownLatch(1);

    public SocketTransformer(List<SocketInstrumentation> instrumentations, ClassFileLocator adviceLocator,
                             PrintStream log, boolean verbose) {
        this.targets = instrumentations.stream().collect(Collectors.toUnmodifiableMap(
                target -> internalName(target.typeName()), Function.identity()));
        this.weaver = new AdviceWeaver(adviceLocator, log, verbose);
        this.log = log;
    }

    private static String internalName(String typeName) {
        return typeName.replace('.', '/');
    }

    /**
     * Registers this transformer and retransforms the hooked classes loaded already.
     *
     * @param atLaunch weave the file-I/O classes on a background thread, so that {@code main} does not wait
     */
    public void installOn(Instrumentation instrumentation, boolean atLaunch) {
        List<Class<?>> fileIo = new ArrayList<>();
        for (SocketInstrumentation target : targets.values()) {
            if (target.loadedByFileIo()) {
                fileIo.add(load(target.typeName()));
            }
        }
        instrumentation.addTransformer(this, true);
        Runnable weaveFileIo = () -> {
            try {
                retransform(instrumentation, fileIo);
            } finally {
                fileIoClassesWoven.countDown();
            }
        };
        if (atLaunch) {
            Thread thread = new Thread(weaveFileIo, "tcpflight-instrumentation");
            thread.setDaemon(true);
            thread.start();
        } else {
            weaveFileIo.run();
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            SocketInstrumentation target = type.getClassLoader() == null
                    ? targets.get(internalName(type.getName())) : null;
            if (target != null && !target.loadedByFileIo()) {
                loaded.add(type);
            }
        }
        retransform(instrumentation, loaded);
    }

    /** Loads without initialising: no code of the class runs. */
    private static Class<?> load(String typeName) {
        try {
            return Class.forName(typeName, false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not in this JDK: " + typeName, e);
        }
    }

    private void retransform(Instrumentation instrumentation, List<Class<?>> types) {
        for (Class<?> type : types) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable e) {
                warnNotTraced(type.getName(), e);
            }
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader != null || className == null) {
            return null;
        }
        SocketInstrumentation target = targets.get(className);
        if (target == null) {
            return null;
        }
        try {
            if (target.readsThroughIoUtil() && !fileIoClassesWoven.await(FILE_IO_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.println("[tcpflight] WARNING: sun.nio.ch.IOUtil is not instrumented yet; the reads and writes"
                        + " of " + target.typeName() + " may go uncounted");
            }
            return weaver.weave(target, classFile);
        } catch (Throwable e) {
            // The class loads unchanged: its sockets go untraced, the application is unaffected.
            warnNotTraced(target.typeName(), e);
            return null;
        }
    }

    private void warnNotTraced(String typeName, Throwable e) {
        log.println("[tcpflight] WARNING: could not instrument " + typeName + ": " + e + "; its sockets are not traced");
    }
}
