package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.recording.chunk.JfrFrame;
import java.util.IdentityHashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * What the reader derives from a chunk's constants (threads, stack traces), derived once per constant. The
 * JDK's parser hands out one object per constant of a chunk, shared by every event that refers to it, so the
 * cache is keyed by identity and emptied at each chunk's end; it also makes equal texts one shared String.
 */
final class ChunkConstants {

    /** A chunk of an unusual recording could hold very many stack traces: forget rather than grow. */
    private static final int MAX_ENTRIES = 100_000;

    private final Map<RecordedThread, String> threadNames = new IdentityHashMap<>();
    private final Map<RecordedStackTrace, StackTrace> stacks = new IdentityHashMap<>();

    String threadName(RecordedThread thread) {
        if (thread == null) {
            return "";
        }
        makeRoom(threadNames);
        return threadNames.computeIfAbsent(thread, t -> {
            String name = t.getJavaName();
            return name == null ? "" : name;
        });
    }

    /** {@code stackTrace} as the CLI shows it; {@link StackTrace#NONE} for none. */
    StackTrace stack(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return StackTrace.NONE;
        }
        makeRoom(stacks);
        return stacks.computeIfAbsent(stackTrace, trace -> StackTrace.of(trace.getFrames().stream()
                .map(f -> new JfrFrame(f.getMethod().getType().getName(), f.getMethod().getName(),
                        f.getLineNumber(), f.getMethod().isHidden())).toList()));
    }

    void clear() {
        threadNames.clear();
        stacks.clear();
    }

    private static void makeRoom(Map<?, ?> cache) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
    }
}
