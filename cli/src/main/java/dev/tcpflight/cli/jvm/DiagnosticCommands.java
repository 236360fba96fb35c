package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;

/**
 * Runs diagnostic commands in a target JVM, as {@code jcmd PID COMMAND ARGS} does: {@code JFR.start name=x},
 * {@code JFR.dump name=x filename=/abs/x.jfr}...
 */
public interface DiagnosticCommands extends AutoCloseable {

    /**
     * @param command the command and its arguments as jcmd takes them; a value with spaces must be quoted (see
     *                {@link #quote})
     * @return what the command printed
     */
    String execute(String command) throws TcpflightException;

    @Override
    void close();

    /** A value as the diagnostic command parser reads it: quoted when it holds a space. */
    static String quote(String value) {
        if (value.indexOf(' ') < 0) {
            return value;
        }
        if (value.indexOf('"') < 0) {
            return '"' + value + '"';
        }
        return "'" + value + "'";
    }
}
