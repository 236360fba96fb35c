package dev.tcpflight.cli.render;

import dev.tcpflight.schema.TcpState;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * How each state is drawn: a character for text lanes (readable without colour too), a terminal colour and an
 * HTML colour. Warm colours for the states a connection should not linger in. Sorted in the order of a
 * connection's life; a state this CLI does not know (a newer agent's) is drawn too, as '?', after the others.
 */
public record StateLook(String name, int order, char symbol, IStyle terminal, String html)
        implements Comparable<StateLook> {

    private static final Map<TcpState, StateLook> KNOWN = new EnumMap<>(TcpState.class);

    static {
        for (TcpState state : TcpState.values()) {
            KNOWN.put(state, look(state));
        }
    }

    public static StateLook of(String state) {
        return TcpState.of(state).map(KNOWN::get)
                .orElseGet(() -> new StateLook(state, Integer.MAX_VALUE, '?', Style.bold, "#777777"));
    }

    private static StateLook look(TcpState state) {
        return switch (state) {
            case LISTEN -> look(state, 'L', Style.fg_blue, "#5b8def");
            case SYN_SENT -> look(state, 's', Style.fg_yellow, "#e3b341");
            case SYN_RECEIVED -> look(state, 'r', Style.fg_yellow, "#d29922");
            case ESTABLISHED -> look(state, '=', Style.fg_green, "#3fa34d");
            case FIN_WAIT_1 -> look(state, '1', Style.fg_cyan, "#2aa5c0");
            case FIN_WAIT_2 -> look(state, '2', Style.fg_cyan, "#1f7f96");
            case CLOSE_WAIT -> look(state, 'w', Style.fg_red, "#d1493f");
            case CLOSING -> look(state, 'c', Style.fg_magenta, "#a25ccf");
            case LAST_ACK -> look(state, 'a', Style.fg_magenta, "#c77dd6");
            case TIME_WAIT -> look(state, 't', Style.faint, "#9aa0a6");
            case CLOSED -> look(state, '.', Style.faint, "#c8c8c8");
        };
    }

    private static StateLook look(TcpState state, char symbol, IStyle terminal, String html) {
        return new StateLook(state.name(), state.ordinal(), symbol, terminal, html);
    }

    @Override
    public int compareTo(StateLook other) {
        int byOrder = Integer.compare(order, other.order);
        return byOrder != 0 ? byOrder : name.compareTo(other.name);
    }
}
