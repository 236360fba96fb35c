package dev.tcpflight.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception from a command into one line on stderr; the stack trace only with {@code --verbose}. */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = GlobalOptions.verbose(fullParseResult);
        if (ex instanceof TcpflightException) {
            err.println("tcpflight: " + ex.getMessage());
        } else {
            // A bug in tcpflight rather than a problem with the user's data: say so, and how to get details.
            err.println("tcpflight: unexpected error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }
}
