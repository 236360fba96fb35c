package dev.tcpflight.cli.jvm;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.tcpflight.schema.AgentProperties;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JVMs on this machine that tcpflight can attach to, as {@code jps} lists them, each asked (through an attach
 * connection) for its Java version and whether the agent runs in it.
 */
public final class LocalJvms {

    private static final long ASK_TIMEOUT_SECONDS = 5;
    private static final int PARALLEL_ATTACHES = 4;

    /**
     * @param main         the main class or jar and its arguments, as the JVM reports them ("" if unknown)
     * @param javaVersion  {@code java.version}, or "?" if the JVM could not be asked
     * @param agentVersion the tcpflight agent's version, "" when the agent is not loaded, "?" if unknown
     * @param problem      why the JVM could not be asked, or ""
     */
    public record Jvm(long pid, String main, String javaVersion, String agentVersion, String problem) {
        public boolean hasAgent() {
            return !agentVersion.isEmpty() && !agentVersion.equals("?");
        }
    }

    private LocalJvms() {
    }

    /** Every listed JVM but this one, by pid. */
    public static List<Jvm> list() {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> descriptors = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (pid(descriptor) > 0 && pid(descriptor) != self) {
                descriptors.add(descriptor);
            }
        }
        descriptors.sort(Comparator.comparingLong(LocalJvms::pid));
        if (descriptors.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_ATTACHES, descriptors.size()),
                runnable -> {
                    Thread thread = new Thread(runnable, "tcpflight-list");
                    thread.setDaemon(true); // a JVM that never answers must not keep tcpflight running
                    return thread;
                });
        try {
            List<Future<Jvm>> answers = new ArrayList<>();
            for (VirtualMachineDescriptor descriptor : descriptors) {
                answers.add(pool.submit(() -> ask(descriptor)));
            }
            List<Jvm> jvms = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ASK_TIMEOUT_SECONDS);
            for (int i = 0; i < descriptors.size(); i++) {
                jvms.add(answer(descriptors.get(i), answers.get(i), deadline));
            }
            return jvms;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Jvm answer(VirtualMachineDescriptor descriptor, Future<Jvm> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return unknown(descriptor, "did not answer within " + ASK_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return unknown(descriptor, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(descriptor, "interrupted");
        }
    }

    private static Jvm ask(VirtualMachineDescriptor descriptor) throws Exception {
        long pid = pid(descriptor);
        // The handshake signals the JVM; one that does not handle SIGQUIT (-Xrs, starting up) would die of it.
        if (ProcessFacts.linux() && !Files.exists(ProcessFacts.attachSocket(pid))
                && !ProcessFacts.handlesSigquit(pid).orElse(true)) {
            return unknown(descriptor, "does not handle SIGQUIT (-Xrs?): not asked");
        }
        VirtualMachine vm = VirtualMachine.attach(descriptor);
        try {
            Properties properties = vm.getSystemProperties();
            String main = properties.getProperty("sun.java.command", descriptor.displayName());
            return new Jvm(pid, main.strip(), properties.getProperty("java.version", "?"),
                    properties.getProperty(AgentProperties.VERSION, ""), "");
        } finally {
            vm.detach();
        }
    }

    private static Jvm unknown(VirtualMachineDescriptor descriptor, String problem) {
        return new Jvm(pid(descriptor), descriptor.displayName().strip(), "?", "?", problem);
    }

    private static long pid(VirtualMachineDescriptor descriptor) {
        try {
            return Long.parseLong(descriptor.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
