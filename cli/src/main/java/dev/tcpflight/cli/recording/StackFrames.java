package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.recording.chunk.JfrFrame;
import java.util.List;

/** Finds the application code behind a transition: the frame a user would set a breakpoint on. */
final class StackFrames {

    // The JDK's socket implementation and the agent's own code sit above the application's call.
    private static final List<String> INFRASTRUCTURE =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.tcpflight.agent.");
    // Below any code that chose to open, read or close: the socket classes, the agent, threads and their pools.
    private static final List<String> SOCKET_LAYER = List.of("dev.tcpflight.agent.", "java.io.", "java.lang.",
            "java.net.", "java.nio.", "java.util.concurrent.", "jdk.internal.misc.", "jdk.internal.vm.", "sun.nio.");

    private StackFrames() {
    }

    /**
     * {@code SimpleClass.method:line} of the first non-infrastructure frame, top frame first; for a connection
     * driven by code inside the JDK (the JDK's {@code HttpServer} or {@code HttpClient}), the first frame above the
     * socket layer; "" when there is none (a transition seen by the agent's own threads).
     */
    static String topApplicationFrame(List<JfrFrame> frames) {
        JfrFrame application = first(frames, INFRASTRUCTURE);
        JfrFrame frame = application != null ? application : first(frames, SOCKET_LAYER);
        if (frame == null) {
            return "";
        }
        String line = frame.line() > 0 ? ":" + frame.line() : "";
        return frame.type().substring(frame.type().lastIndexOf('.') + 1) + "." + frame.method() + line;
    }

    private static JfrFrame first(List<JfrFrame> frames, List<String> skipped) {
        for (JfrFrame frame : frames) {
            // Hidden frames have generated names no one can look up.
            if (!frame.hidden() && skipped.stream().noneMatch(frame.type()::startsWith)) {
                return frame;
            }
        }
        return null;
    }
}
