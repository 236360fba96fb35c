package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures the sampler thread's CPU time while it follows many sockets in TIME_WAIT.
 * <pre>
 * java -cp agent/target/classes:agent/target/test-classes dev.tcpflight.agent.kernel.KernelSamplerCost \
 *      [sockets=10000] [seconds=20] [slowMillis=1000] [cpuBudget=0.01]
 * </pre>
 * Makes the TIME_WAIT sockets on 127.0.0.1 in-process (connect, accept, client closes first, server closes),
 * following each client as the tracker would right after its close; then measures a steady window.
 */
public final class KernelSamplerCost {

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long slowMillis = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        double budget = args.length > 3 ? Double.parseDouble(args[3]) : 0.01;
        SamplerLimits defaults = SamplerLimits.DEFAULTS;
        SamplerLimits limits = new SamplerLimits(Math.max(sockets, defaults.maxFollowed()),
                defaults.fastInterval(), defaults.fastWindow(), Duration.ofMillis(slowMillis),
                defaults.quietLimit(), defaults.followLimit(), budget);
        System.out.println("limits: " + limits);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong timeWait = new AtomicLong();
        AtomicLong other = new AtomicLong();
        FollowListener listener = new FollowListener() {
            @Override
            public void kernelTransition(TcpState from, TcpState to, Source source) {
                if (to == TcpState.TIME_WAIT) {
                    timeWait.incrementAndGet();
                } else if (to != TcpState.FIN_WAIT_2) {
                    other.incrementAndGet();
                }
            }
        };
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (KernelSampler sampler = new KernelSampler(limits);
             ServerSocket server1 = new ServerSocket(0, 1000, loopback);
             ServerSocket server2 = new ServerSocket(0, 1000, loopback);
             ServerSocket server3 = new ServerSocket(0, 1000, loopback);
             ServerSocket server4 = new ServerSocket(0, 1000, loopback)) {
            // several destination ports: Linux may hand a new connect a loopback TIME_WAIT tuple older than 1 s
            ServerSocket[] servers = {server1, server2, server3, server4};
            long start = System.nanoTime();
            for (int i = 0; i < sockets; i++) {
                ServerSocket server = servers[i % servers.length];
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept();
                InetSocketAddress local = (InetSocketAddress) client.getLocalSocketAddress();
                InetSocketAddress remote = (InetSocketAddress) client.getRemoteSocketAddress();
                client.close();
                sampler.follow(local, remote, TcpState.FIN_WAIT_1, listener);
                accepted.close();
            }
            long made = System.nanoTime();
            long cpuWhileMaking = threads.getThreadCpuTime(sampler.thread().getId());
            System.out.printf("made %d TIME_WAIT sockets in %.1f s; sampler CPU meanwhile %.0f ms"
                    + " (%.1f%% of one core)%n",
                    sockets, (made - start) / 1e9, cpuWhileMaking / 1e6, 100.0 * cpuWhileMaking / (made - start));
            Thread.sleep(1500); // past the fast window of the last ones
            System.out.printf("followed %d, reported TIME_WAIT %d, other %d%n",
                    sampler.followed(), timeWait.get(), other.get());

            long reads0 = sampler.reads();
            long cpu0 = threads.getThreadCpuTime(sampler.thread().getId());
            long t0 = System.nanoTime();
            StringBuilder each = new StringBuilder();
            for (long seen = reads0, until = t0 + seconds * 1_000_000_000L; System.nanoTime() - until < 0; ) {
                Thread.sleep(5);
                if (sampler.reads() != seen) {
                    seen = sampler.reads();
                    each.append(String.format(" %.1f", sampler.lastReadNanos() / 1e6));
                }
            }
            long cpu1 = threads.getThreadCpuTime(sampler.thread().getId());
            long t1 = System.nanoTime();
            long reads = sampler.reads() - reads0;
            System.out.printf("steady %d s: sampler CPU %.1f ms = %.2f%% of one core; %d reads (%.2f/s),"
                            + " last look %.2f ms CPU, %d KB of table text; still followed %d%n",
                    seconds, (cpu1 - cpu0) / 1e6, 100.0 * (cpu1 - cpu0) / (t1 - t0), reads, reads * 1e9 / (t1 - t0),
                    sampler.lastReadNanos() / 1e6, sampler.lastReadBytes() / 1024, sampler.followed());
            System.out.printf("per read: %.2f ms CPU; each read's cost as the sampler measured it (ms):%s%n",
                    reads == 0 ? 0 : (cpu1 - cpu0) / 1e6 / reads, each);
        }
    }
}
