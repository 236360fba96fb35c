package dev.tcpflight.cli.testing;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces what changes from run to run in outputs made from real recordings (times, durations, lanes, file
 * locations, chart coordinates) with fixed words, so that the rest can be compared with a golden file.
 */
public final class Scrub {

    private Scrub() {
    }

    /** Durations and relative times become T, instants TIME; padding between columns shrinks to two spaces. */
    public static String times(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME")
                .replaceAll("\\d+\\.\\d{3} (ms|s)\\b", "T")
                .replaceAll("(?m)^ *\\+T\\b", "+T") // a right-aligned time column
                .replaceAll("(?m)(?<=\\S) {3,}", "  ");
    }

    /** A lane's characters depend on the durations: keep only that it is there (scrub before the times). */
    public static String lanes(String text) {
        return text.replaceAll("(?m)^  \\|.{60}\\|$", "  |LANE|");
    }

    public static String directory(String text, Path directory) {
        return text.replace(directory.toString(), "DIR");
    }

    /** Numbers in JSON fields and SVG attributes that come from times. */
    public static String numbers(String text, String... names) {
        String scrubbed = text;
        for (String name : names) {
            scrubbed = scrubbed.replaceAll("(\"?" + name + "\"?[:=]\"?)-?\\d+(\\.\\d+)?", "$1N");
        }
        return scrubbed;
    }

    /**
     * The report's data, whose numbers come from times (and the counts per slice of time with them): as N; its stack
     * traces (the test runner's frames) as STACKS.
     */
    public static String reportData(String page) {
        Matcher data = Pattern.compile("(?s)(<script type=\"application/json\" id=\"report-data\">)(.*?)(</script>)")
                .matcher(page);
        if (!data.find()) {
            return page;
        }
        String numbers = data.group(2).replaceAll("(?s)\"stacks\":\\[.*]", "\"stacks\":STACKS")
                .replaceAll("(?<=[,:\\[])-?\\d+(\\.\\d+)?(?=[,\\]}])", "N");
        return page.substring(0, data.start(2)) + numbers + page.substring(data.end(2));
    }

    /** The inlined style sheet and script, which are files of their own (report.css, report.js). */
    public static String inlined(String page) {
        return page.replaceAll("(?s)<style>\\n.*?</style>", "<style>report.css</style>")
                .replaceAll("(?s)<script>\\n.*?</script>", "<script>report.js</script>");
    }
}
