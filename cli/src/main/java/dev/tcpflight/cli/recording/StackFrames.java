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

    private StackFrames() {
    }

    /** {@code SimpleClass.method:line} of the first non-infrastructure frame, or "". */
    static String topApplicationFrame(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return "";
        }
        for (RecordedFrame frame : stackTrace.getFrames()) {
            RecordedMethod method = frame.getMethod();
            String type = method.getType().getName();
            // Hidden frames (lambda and method-reference glue) have generated names no one can look up.
            if (!method.isHidden() && INFRASTRUCTURE.stream().noneMatch(type::startsWith)) {
                String line = frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "";
                return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName() + line;
            }
        }
        return "";
    }
}
