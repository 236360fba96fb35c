package dev.tcpflight.demo;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual threads (JDK 21) reached through reflection, so that this module compiles with --release 17. */
final class VirtualThreads {

    private static final int SINCE = 21;

    private VirtualThreads() {
    }

    /** Empty from JDK 21 on; before that, why a scenario that needs virtual threads cannot run. */
    static Optional<String> unsupportedReason() {
        int feature = Runtime.version().feature();
        return feature >= SINCE
                ? Optional.empty()
                : Optional.of("needs JDK " + SINCE + "+ (virtual threads); this is Java " + feature);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}: every task runs on a new virtual thread. */
    static ExecutorService newPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /** {@code thread.isVirtual()}; false before JDK 21, where every thread is a platform thread. */
    static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }
}
