package dev.tcpflight.agent.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The calling thread's CPU time, from Linux's {@code /proc/thread-self/schedstat} (its first field: nanoseconds
 * on a CPU, kernel time included, which is most of what reading the socket table costs). No JMX: the agent
 * must not depend on {@code java.management}. Where the file cannot be read, {@link #nanos} answers -1 and the
 * caller falls back to elapsed time.
 */
final class ThreadCpuClock {

    static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);
    private boolean usable = true;

    ThreadCpuClock(Path file) {
        this.file = file;
    }

    /** The calling thread's CPU time in nanoseconds, or -1 when it cannot be known here. */
    long nanos() {
        if (!usable) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            channel.read(buffer);
            long value = 0;
            int digits = 0;
            for (int i = 0; i < buffer.position(); i++, digits++) {
                byte b = buffer.get(i);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
            }
            if (digits > 0) {
                return value;
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux 3.17+, or no scheduler statistics: elapsed time it is
        }
        usable = false;
        return -1;
    }

    /** The CPU time used between two readings, or the elapsed time when the CPU time is not known. */
    static long cost(long cpuBefore, long cpuAfter, long wallBefore, long wallAfter) {
        return cpuBefore >= 0 && cpuAfter >= cpuBefore ? cpuAfter - cpuBefore : wallAfter - wallBefore;
    }
}
