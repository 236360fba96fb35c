package dev.tcpflight.cli.render;

import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * How each state is drawn: a character for text lanes (readable without colour too), a terminal colour and an
 * HTML colour. Warm colours for the states a connection should not linger in.
 */
public enum StateLook {
    LISTEN('L', Style.fg_blue, "#5b8def"),
    SYN_SENT('s', Style.fg_yellow, "#e3b341"),
    SYN_RECEIVED('r', Style.fg_yellow, "#d29922"),
    ESTABLISHED('=', Style.fg_green, "#3fa34d"),
    FIN_WAIT_1('1', Style.fg_cyan, "#2aa5c0"),
    FIN_WAIT_2('2', Style.fg_cyan, "#1f7f96"),
    CLOSE_WAIT('w', Style.fg_red, "#d1493f"),
    CLOSING('c', Style.fg_magenta, "#a25ccf"),
    LAST_ACK('a', Style.fg_magenta, "#c77dd6"),
    TIME_WAIT('t', Style.faint, "#9aa0a6"),
    CLOSED('.', Style.faint, "#c8c8c8"),
    UNKNOWN('?', Style.bold, "#777777");

    private final char symbol;
    private final IStyle terminal;
    private final String html;

    StateLook(char symbol, IStyle terminal, String html) {
        this.symbol = symbol;
        this.terminal = terminal;
        this.html = html;
    }

    /** A state this CLI does not know (a newer agent's) is drawn, as UNKNOWN. */
    public static StateLook of(String state) {
        for (StateLook look : values()) {
            if (look != UNKNOWN && look.name().equals(state)) {
                return look;
            }
        }
        return UNKNOWN;
    }

    public char symbol() {
        return symbol;
    }

    public IStyle terminal() {
        return terminal;
    }

    public String html() {
        return html;
    }
}
