package dev.tcpflight.cli;

/**
 * A data or runtime error the user can act on (bad recording, missing jar, failed demo). Its message is shown
 * as one line, so it must name the file or program concerned and, where possible, the fix.
 */
public class TcpflightException extends Exception {

    private static final long serialVersionUID = 1L;

    public TcpflightException(String message) {
        super(message);
    }

    public TcpflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
