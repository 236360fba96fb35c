package dev.tcpflight.cli.testing;

import dev.tcpflight.cli.TcpflightCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of {@code tcpflight ARGS}, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = TcpflightCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** For assertion messages: everything the run printed. */
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
