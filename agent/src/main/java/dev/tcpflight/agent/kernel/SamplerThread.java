package dev.tcpflight.agent.kernel;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One agent thread ({@value KernelSampler#THREAD_NAME}, {@value PeerCloseWatcher#THREAD_NAME}): started at most
 * once, however many application threads ask at the same time, and stopped by its owner. Kept apart so that
 * the owner's class is about what the thread does, not how it is made and stopped.
 */
final class SamplerThread {

    private final String name;
    private final Runnable body;
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    SamplerThread(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    /** The thread, or null while it was never started. */
    Thread get() {
        return thread.get();
    }

    /** The thread, started now if it was not yet; of two callers racing to start it, both get the same one. */
    Thread started() {
        Thread existing = thread.get();
        if (existing != null) {
            return existing;
        }
        // a daemon, so it never keeps the JVM up; in the root group, without a context class loader or inherited
        // thread locals, so it holds on to nothing of the application thread that happened to start it
        Thread sampler = new Thread(rootGroup(), body, name, 0, false);
        sampler.setDaemon(true);
        sampler.setContextClassLoader(null);
        if (thread.compareAndSet(null, sampler)) {
            sampler.start();
            return sampler;
        }
        return thread.get();
    }

    /**
     * Interrupts the thread, a read of the table included, and waits for it up to 5 s; the caller has told it to
     * stop. Called on the thread itself (a listener closing the sampler), it only returns: it cannot wait for
     * itself.
     */
    void stop() {
        Thread sampler = thread.get();
        if (sampler != null && sampler != Thread.currentThread()) {
            sampler.interrupt();
            try {
                sampler.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
