package dev.tcpflight.cli.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The arrows of a ladder diagram, top to bottom: {@code SYN→}, {@code ←SYN+ACK}. */
public final class LadderArrows {

    private static final Pattern ARROW = Pattern.compile("(◀)?─+ (\\S+) ─+(▶)?");

    private LadderArrows() {
    }

    /**
     * The arrows of a handshake and an active close: what the JVM's calls show, then the last ACK of the active
     * closer when the agent's kernel sampler saw the passive closer's LAST_ACK end (it samples, so not always).
     */
    public static void assertHandshakeAndClose(String ladder) {
        List<String> calls = List.of("SYN→", "←SYN+ACK", "ACK→", "FIN→", "←ACK", "←FIN");
        List<String> arrows = of(ladder);
        assertTrue(arrows.equals(calls) || arrows.equals(concat(calls, "ACK→")), arrows + " in:\n" + ladder);
    }

    public static List<String> of(String ladder) {
        List<String> arrows = new ArrayList<>();
        Matcher matcher = ARROW.matcher(ladder);
        while (matcher.find()) {
            arrows.add(matcher.group(1) != null ? "←" + matcher.group(2) : matcher.group(2) + "→");
        }
        return arrows;
    }

    private static List<String> concat(List<String> arrows, String last) {
        List<String> all = new ArrayList<>(arrows);
        all.add(last);
        return all;
    }
}
