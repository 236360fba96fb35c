package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.recording.StartOrder;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.TimelineRenderer;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "timeline",
        description = {"Show each connection's TCP state transitions from .jfr recordings.",
                "Each connection gets a lane: its states drawn as characters on a time axis shared by all"
                        + " connections shown, so that when they lived and where they lingered shows at a glance."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight timeline app.jfr",
                "  tcpflight timeline --port 8080 client.jfr server.jfr",
                "  tcpflight timeline --state CLOSE_WAIT --since 1.5s --limit 10 app.jfr"})
public final class TimelineCommand extends RecordingCommand {

    /** Connections held to print in order of start: about 1 KB each, well within a 256 MB heap. */
    static final int IN_ORDER_UP_TO = 20_000;

    /**
     * Two passes over the recordings, so that memory does not grow with them: the first measures what all
     * connections share (time axis, legend, column widths), the second prints them as they come.
     */
    @Override
    public Integer call() throws TcpflightException {
        TimelineRenderer renderer = new TimelineRenderer(Glyphs.forStandardOutput(), colors());
        RecordingReader reader = recordings.open();
        TimelineRenderer.Layout layout = renderer.new Layout();
        recordings.scan(reader, layout);
        if (layout.isEmpty()) {
            return 0;
        }
        PrintWriter out = bulkOut();
        try {
            renderer.printLegend(layout, out);
            StartOrder inOrder = new StartOrder(IN_ORDER_UP_TO, timeline -> renderer.print(layout, timeline, out));
            recordings.scan(reader, inOrder);
            inOrder.flush();
        } finally {
            out.flush();
        }
        recordings.noteKernelOnly(reader);
        return 0;
    }
}
