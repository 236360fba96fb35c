package dev.tcpflight.agent;

import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Links and initialises the agent's own socket-path classes on the installing thread. A class first used by two
 * application threads at once makes one of them wait while the other links it, and on JDK 25 a virtual thread
 * waits pinned to its carrier there (seen as {@code jdk.VirtualThreadPinned} in {@code ConnectionTracker.closing});
 * done here, no application thread ever waits for it. Left out: the kernel package (only used with
 * {@code kernel=on}; its classes read {@code /proc} as they initialise) and the JFR event classes (initialising
 * one starts JFR's own class machinery, about 70 ms here, which registering them defers to the first recording).
 */
final class ClassWarmUp {

    private static final List<String> PACKAGES = List.of("dev/tcpflight/agent/bridge/",
            "dev/tcpflight/agent/tracking/", "dev/tcpflight/agent/events/");

    private ClassWarmUp() {
    }

    static void run(JarFile agentJar) {
        agentJar.stream().map(JarEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.endsWith("Event.class")
                        && PACKAGES.stream().anyMatch(name::startsWith))
                .forEach(ClassWarmUp::initialise);
    }

    private static void initialise(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        try {
            Class.forName(name, true, null);
        } catch (Throwable e) {
            // The class initialises on first use instead, as it would without the warm-up.
        }
    }
}
