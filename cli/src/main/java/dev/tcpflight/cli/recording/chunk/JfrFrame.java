package dev.tcpflight.cli.recording.chunk;

/**
 * One frame of a stack trace.
 *
 * @param type   the class's binary name ({@code java.net.Socket})
 * @param line   the line number, 0 or less when unknown
 * @param hidden a hidden frame (lambda and method-reference glue)
 */
public record JfrFrame(String type, String method, int line, boolean hidden) {
}
