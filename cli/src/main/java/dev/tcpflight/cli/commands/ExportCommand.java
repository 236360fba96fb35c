package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.ChromeTraceExporter;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.JsonLinesExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "export",
        description = {"Export transitions as JSON lines or Chrome trace-event JSON.",
                "jsonl: one object per transition and one per ended connection, every field, ISO-8601 times"
                        + " (for scripts and jq). chrome-trace: one track per connection and a span per state,"
                        + " for ui.perfetto.dev and chrome://tracing. Streams: connections come in about the order"
                        + " they ended (with --limit, in the order they started)."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight export app.jfr | jq 'select(.toState == \"CLOSE_WAIT\")'",
                "  tcpflight export --format chrome-trace app.jfr -o app.trace.json"})
public final class ExportCommand extends RecordingCommand {

    /** Typed as the user writes it: "chrome-trace" cannot be an enum constant's name. */
    enum Format {
        JSONL("jsonl"), CHROME_TRACE("chrome-trace");

        private final String name;

        Format(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }

        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return Arrays.stream(values()).map(Format::toString).iterator();
            }
        }

        static final class Converter implements ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                return Arrays.stream(values()).filter(f -> f.name.equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(() -> new TypeConversionException("expected " + String.join(" or ", new Names())
                                + ", not '" + value + "'"));
            }
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", converter = Format.Converter.class,
            completionCandidates = Format.Names.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (replaced only once complete) instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws TcpflightException {
        if (output != null) {
            recordings.checkOutput(output);
        }
        RecordingReader reader = recordings.open();
        if (output == null) {
            PrintWriter out = bulkOut();
            try {
                export(reader, out, Glyphs.forStandardOutput());
            } finally {
                out.flush();
            }
        } else {
            OutputFile.write(output, out -> export(reader, out, Glyphs.UNICODE)); // files are UTF-8
        }
        return 0;
    }

    private void export(RecordingReader reader, PrintWriter out, Glyphs glyphs) throws TcpflightException {
        if (format == Format.JSONL) {
            recordings.scan(reader, new JsonLinesExporter(out));
        } else {
            ChromeTraceExporter trace = new ChromeTraceExporter(out, reader.start(), glyphs);
            recordings.scan(reader, trace);
            trace.finish();
        }
        out.flush();
    }
}
