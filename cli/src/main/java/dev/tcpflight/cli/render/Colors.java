package dev.tcpflight.cli.render;

import java.util.List;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;

/**
 * Terminal colours through picocli's {@link Ansi}: on, off, or on when the output is a terminal ({@code --color}).
 * Recorded text (thread names, exception messages) is only ever painted, never parsed as picocli markup.
 */
public record Colors(Ansi ansi) {

    public static final Colors OFF = new Colors(Ansi.OFF);

    public String paint(String text, IStyle... styles) {
        return ansi.enabled() ? ansi.apply(text, List.of(styles)).toString() : text;
    }

    /** A heading of tcpflight's own: picocli markup, so it must not hold recorded text. */
    public String heading(String title) {
        return ansi.string("@|bold " + title + "|@");
    }

    public String bold(String text) {
        return paint(text, Ansi.Style.bold);
    }
}
