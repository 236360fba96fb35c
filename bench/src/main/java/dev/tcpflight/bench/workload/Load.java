package dev.tcpflight.bench.workload;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Client threads that repeat an operation until the window ends, timing each one started while measuring, and
 * the CPU time the whole process used while measuring (its own threads, JFR's, the agent's, GC and JIT), and
 * the bytes its threads allocated meanwhile (steadier than time: the objects made per operation).
 */
final class Load {

    /** Round trips a thread can record per measured millisecond: more than loopback allows. */
    private static final int MAX_PER_MS = 100;

    interface Operation {
        void run(int thread) throws Exception;
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Latencies> latencies = new ArrayList<>();
    private final LongAdder clientBytes = new LongAdder();
    private long cpuNanos;
    private long otherBytes;

    private Load() {
    }

    /** Runs the threads to the end of the window; fails if any operation failed. */
    static Load run(Window window, int threads, long measureMs, Operation operation) throws Exception {
        Load load = new Load();
        List<Thread> running = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            Latencies mine = new Latencies((int) Math.min(Integer.MAX_VALUE, measureMs * MAX_PER_MS));
            load.latencies.add(mine);
            running.add(new Thread(() -> {
                long bytesFrom = -1;
                try {
                    for (long start = System.nanoTime(); !window.over(start); start = System.nanoTime()) {
                        if (bytesFrom < 0 && window.measuring(start)) {
                            bytesFrom = THREADS.getCurrentThreadAllocatedBytes();
                        }
                        operation.run(thread);
                        if (window.measuring(start)) {
                            mine.record(System.nanoTime() - start);
                        }
                    }
                    load.clientBytes.add(bytesFrom < 0 ? 0 : THREADS.getCurrentThreadAllocatedBytes() - bytesFrom);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "client-" + i));
        }
        running.forEach(Thread::start);
        Set<Long> clients = running.stream().map(Thread::getId).collect(Collectors.toSet());
        window.awaitMeasuring();
        long cpuBefore = OS.getProcessCpuTime();
        long othersBefore = allocatedByOthers(clients);
        for (Thread thread : running) {
            thread.join();
        }
        load.cpuNanos = OS.getProcessCpuTime() - cpuBefore;
        load.otherBytes = allocatedByOthers(clients) - othersBefore;
        if (failure.get() != null) {
            throw failure.get();
        }
        return load;
    }

    /** Bytes allocated so far by the live threads other than the clients (servers, JFR's, the agent's). */
    private static long allocatedByOthers(Set<Long> clients) {
        long[] ids = Arrays.stream(THREADS.getAllThreadIds()).filter(id -> !clients.contains(id)).toArray();
        return Arrays.stream(THREADS.getThreadAllocatedBytes(ids)).filter(bytes -> bytes > 0).sum();
    }

    /** Prints the operations per second, the latency percentiles and the CPU time per operation. */
    void report(Window window) {
        long operations = latencies.stream().mapToLong(Latencies::operations).sum();
        double[] micros = Latencies.percentilesMicros(latencies, 0.50, 0.99);
        new Result().put("ops_per_s", operations / window.measuredSeconds())
                .put("p50_us", micros[0]).put("p99_us", micros[1])
                .put("cpu_us_per_op", cpuNanos / 1e3 / operations)
                .put("bytes_per_op", (double) (clientBytes.sum() + otherBytes) / operations).print();
    }
}
