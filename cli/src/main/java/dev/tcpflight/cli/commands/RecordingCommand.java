package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.render.Colors;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that reads recordings has: the recordings and filters, and the output streams and colours
 * picocli was set up with (so that tests can capture them). Returns the exit code: 0, or an exception that
 * {@code ErrorReporter} turns into 1.
 */
abstract class RecordingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RecordingOptions recordings;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * {@link #out()} for output that grows with the recording (a line per transition): buffered, where picocli's
     * writer flushes every line, a system call each. Flush it when done.
     */
    PrintWriter bulkOut() {
        return new PrintWriter(new BufferedWriter(out(), 1 << 16));
    }

    Colors colors() {
        return new Colors(spec.commandLine().getColorScheme().ansi());
    }
}
