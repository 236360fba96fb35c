package dev.tcpflight.cli;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParseResult;

/**
 * The options declared once on {@code tcpflight} and inherited by every subcommand. Their values are read from
 * the parse result because an inherited option may be given at any level ({@code tcpflight --verbose summary} or
 * {@code tcpflight summary --verbose}).
 */
final class GlobalOptions {

    static final String VERBOSE = "--verbose";
    static final String COLOR = "--color";

    /** The values of {@code --color}; lower case because they are what the user types. */
    enum ColorMode {
        always(Ansi.ON), never(Ansi.OFF), auto(Ansi.AUTO); // AUTO: a terminal, unless NO_COLOR is set

        private final Ansi ansi;

        ColorMode(Ansi ansi) {
            this.ansi = ansi;
        }
    }

    private GlobalOptions() {
    }

    static boolean verbose(ParseResult parseResult) {
        return value(parseResult, VERBOSE, Boolean.FALSE);
    }

    static Ansi ansi(ParseResult parseResult) {
        return value(parseResult, COLOR, ColorMode.auto).ansi;
    }

    /** The value given at the deepest level where the option appears, else {@code otherwise}. */
    private static <T> T value(ParseResult parseResult, String option, T otherwise) {
        T value = otherwise;
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            value = level.matchedOptionValue(option, value);
        }
        return value;
    }
}
