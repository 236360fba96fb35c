package dev.tcpflight.cli.render;

import java.nio.charset.Charset;

/** The few non-ASCII symbols tcpflight prints, with ASCII stand-ins for consoles that cannot show them. */
public enum Glyphs {
    UNICODE("→", "─", "▶", "◀", "⇄"),
    ASCII("->", "-", ">", "<", "<->");

    private final String arrow;
    private final String line;
    private final String rightHead;
    private final String leftHead;
    private final String bothWays;

    Glyphs(String arrow, String line, String rightHead, String leftHead, String bothWays) {
        this.arrow = arrow;
        this.line = line;
        this.rightHead = rightHead;
        this.leftHead = leftHead;
        this.bothWays = bothWays;
    }

    public String arrow() {
        return arrow;
    }

    /** The shaft of a ladder's arrows. */
    public String line() {
        return line;
    }

    public String rightHead() {
        return rightHead;
    }

    public String leftHead() {
        return leftHead;
    }

    /** Between the two ends of a connection. */
    public String bothWays() {
        return bothWays;
    }

    /**
     * Unicode when standard output's encoding can show it. {@code stdout.encoding} (JDK 19+) is the console's
     * real encoding; JDK 17 only has the default charset, which follows the locale there.
     */
    public static Glyphs forStandardOutput() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        return charset.newEncoder().canEncode(UNICODE.arrow + UNICODE.line + UNICODE.rightHead + UNICODE.leftHead
                + UNICODE.bothWays) ? UNICODE : ASCII;
    }
}
