package dev.tcpflight.cli.render;

import java.nio.charset.Charset;

/** The few non-ASCII symbols tcpflight prints, with ASCII stand-ins for consoles that cannot show them. */
public enum Glyphs {
    UNICODE("→"),
    ASCII("->");

    private final String arrow;

    Glyphs(String arrow) {
        this.arrow = arrow;
    }

    public String arrow() {
        return arrow;
    }

    /**
     * Unicode when standard output's encoding can show it. {@code stdout.encoding} (JDK 19+) is the console's
     * real encoding; JDK 17 only has the default charset, which follows the locale there.
     */
    public static Glyphs forStandardOutput() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        return charset.newEncoder().canEncode(UNICODE.arrow) ? UNICODE : ASCII;
    }
}
