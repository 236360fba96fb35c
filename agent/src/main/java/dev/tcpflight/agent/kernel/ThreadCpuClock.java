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
 * caller falls back to elapsed time. The file stays open for the thread that opened it ({@code thread-self} names
 * the opener) and is read again from its start, one {@code pread} a reading instead of an open, a read and a
 * close (the peer-close look reads it twice every 20 ms).
 */
final class ThreadCpuClock {

    static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);
    private boolean usable = true;
    private FileChannel channel;
    private Thread opener;

    ThreadCpuClock(Path file) {
        this.file = file;
    }

    /** The calling thread's CPU time in nanoseconds, or -1 when it cannot be known here. */
    long nanos() {
        if (!usable) {
            return -1;
        }
        boolean reused = opener == Thread.currentThread();
        long value = read(!reused);
        if (value < 0 && reused) {
            value = read(true); // closed meanwhile (by an interrupt of this thread, say)
        }
        if (value < 0) {
            close();
            // an interrupted thread cannot read a FileChannel: elapsed time for this reading only
            usable = Thread.currentThread().isInterrupted();
        }
        return value;
    }

    private long read(boolean reopen) {
        try {
            if (reopen) {
                reopen();
            }
            buffer.clear();
            channel.read(buffer, 0);
            long value = 0;
            int digits = 0;
            for (int i = 0; i < buffer.position(); i++, digits++) {
                byte b = buffer.get(i);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
            }
            return digits > 0 ? value : -1;
        } catch (IOException | RuntimeException unreadable) {
            return -1; // not Linux 3.17+, or no scheduler statistics: elapsed time it is
        }
    }

    /** Opens the file for the calling thread ({@code thread-self} is resolved at the open). */
    private void reopen() throws IOException {
        close();
        channel = FileChannel.open(file, StandardOpenOption.READ);
        opener = Thread.currentThread();
    }

    private void close() {
        opener = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only /proc file: nothing was lost
            }
            channel = null;
        }
    }

    /** The CPU time used between two readings, or the elapsed time when the CPU time is not known. */
    static long cost(long cpuBefore, long cpuAfter, long wallBefore, long wallAfter) {
        return cpuBefore >= 0 && cpuAfter >= cpuBefore ? cpuAfter - cpuBefore : wallAfter - wallBefore;
    }
}
