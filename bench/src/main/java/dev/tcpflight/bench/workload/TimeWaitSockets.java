package dev.tcpflight.bench.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Child JVM, run under the agent with its kernel sampler on: makes {@code sockets} loopback connections whose
 * client closes first, so that the agent follows each one into TIME_WAIT, then measures the CPU time of the
 * agent's sampler thread while it follows them, over {@code measureMs}. Prints the thread's share of one core,
 * in percent. Several listening ports: Linux may hand a new connect a loopback TIME_WAIT tuple older than 1 s.
 */
public final class TimeWaitSockets {

    private static final String SAMPLER_THREAD = "tcpflight-kernel-sampler";
    private static final int PORTS = 4;
    /** Past the sampler's fast window for the last sockets: the steady state is what is measured. */
    private static final long SETTLE_MS = 1_500;

    private TimeWaitSockets() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        int sockets = args.integer("sockets");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket[] servers = new ServerSocket[PORTS];
        for (int i = 0; i < PORTS; i++) {
            servers[i] = new ServerSocket(0, 1000, loopback);
        }
        try {
            for (int i = 0; i < sockets; i++) {
                ServerSocket server = servers[i % PORTS];
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept();
                client.close(); // first: the client side goes to TIME_WAIT, followed by the sampler
                accepted.close();
            }
        } finally {
            for (ServerSocket server : servers) {
                server.close();
            }
        }
        Thread.sleep(SETTLE_MS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sampler = samplerThreadId(threads);
        long cpu0 = threads.getThreadCpuTime(sampler);
        long t0 = System.nanoTime();
        Thread.sleep(args.integer("measureMs"));
        long cpu1 = threads.getThreadCpuTime(sampler);
        long t1 = System.nanoTime();
        new Result().put("sampler_cpu_pct", 100.0 * (cpu1 - cpu0) / (t1 - t0)).print();
    }

    private static long samplerThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(SAMPLER_THREAD)) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no " + SAMPLER_THREAD + " thread: was the agent loaded with kernel=on?");
    }
}
