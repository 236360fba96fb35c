package dev.tcpflight.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns an exception from a command into one line on stderr, the stack trace only with {@code --verbose}; and a
 * usage error into its message and where to find the usage, as git and jfr do, rather than the whole usage.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /**
     * An unknown option or command, a missing or bad argument: the message, picocli's suggestions for a
     * mistyped option or command (if any) and {@code Try 'tcpflight timeline --help' for more information.};
     * exit code 2.
     */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        CommandSpec spec = commandLine.getCommandSpec();
        PrintWriter err = commandLine.getErr();
        err.println(ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
        err.flush();
        return commandLine.getExitCodeExceptionMapper() != null
                ? commandLine.getExitCodeExceptionMapper().getExitCode(ex)
                : spec.exitCodeOnInvalidInput();
    }

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
