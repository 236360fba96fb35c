package dev.tcpflight.cli.recording;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

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
     * {@code SimpleClass.method:line} of the first non-infrastructure frame; for a connection driven by code
     * inside the JDK (the JDK's {@code HttpServer} or {@code HttpClient}), the first frame above the socket
     * layer; "" when there is none (a transition seen by the agent's own threads).
     */
    static String topApplicationFrame(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return "";
        }
        RecordedFrame application = first(stackTrace, INFRASTRUCTURE);
        RecordedFrame frame = application != null ? application : first(stackTrace, SOCKET_LAYER);
        if (frame == null) {
            return "";
        }
        String type = frame.getMethod().getType().getName();
        String line = frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "";
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + line;
    }

    private static RecordedFrame first(RecordedStackTrace stackTrace, List<String> skipped) {
        for (RecordedFrame frame : stackTrace.getFrames()) {
            RecordedMethod method = frame.getMethod();
            String type = method.getType().getName();
            // Hidden frames (lambda and method-reference glue) have generated names no one can look up.
            if (!method.isHidden() && skipped.stream().noneMatch(type::startsWith)) {
                return frame;
            }
        }
        return null;
    }
}
