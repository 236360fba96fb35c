package dev.tcpflight.agent.tracking;

import java.util.Iterator;

/**
 * Where the application called into the socket layer: below the agent's own frames (the bridge, the tracker) and
 * the JDK's socket classes, the first frame that is not the JDK's, as {@code Class.method:line}; for a server
 * inside the JDK (its HTTP server), the first frame above its socket classes. One stack walk, which stops there.
 */
final class CodeLocation {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CodeLocation() {
    }

    static String ofCaller() {
        return WALKER.walk(frames -> {
            Iterator<StackWalker.StackFrame> above = frames
                    .dropWhile(frame -> frame.getClassName().startsWith("dev.tcpflight.agent."))
                    .dropWhile(frame -> isSocketLayer(frame.getClassName())).iterator();
            StackWalker.StackFrame first = null;
            while (above.hasNext()) {
                StackWalker.StackFrame frame = above.next();
                first = first == null ? frame : first;
                if (!isPlatform(frame.getClassName())) {
                    return text(frame);
                }
            }
            return first == null ? "" : text(first);
        });
    }

    private static String text(StackWalker.StackFrame frame) {
        return frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber();
    }

    private static boolean isSocketLayer(String className) {
        return className.startsWith("java.net.") || className.startsWith("java.nio.")
                || className.startsWith("java.io.") || className.startsWith("sun.nio.ch.");
    }

    private static boolean isPlatform(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }
}
