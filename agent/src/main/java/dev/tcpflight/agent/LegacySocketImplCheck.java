package dev.tcpflight.agent;

import java.io.PrintStream;

/**
 * JDK 17 can still switch {@code java.net.Socket} back to the legacy {@code PlainSocketImpl}
 * ({@code -Djdk.net.usePlainSocketImpl}), which bypasses every hook: say so rather than record nothing.
 */
final class LegacySocketImplCheck {

    private LegacySocketImplCheck() {
    }

    static void warnIfActive(PrintStream log) {
        String value = System.getProperty("jdk.net.usePlainSocketImpl");
        // Same test as the JDK's own; the property is ignored from JDK 18 on.
        if (Runtime.version().feature() < 18 && value != null && !value.equalsIgnoreCase("false")) {
            log.println("[tcpflight] WARNING: -Djdk.net.usePlainSocketImpl is set: java.net.Socket and ServerSocket"
                    + " use the legacy PlainSocketImpl, which tcpflight does not trace; their connections will"
                    + " not be recorded");
        }
    }
}
