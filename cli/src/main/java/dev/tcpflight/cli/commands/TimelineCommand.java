package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.TimelineRenderer;
import java.util.List;
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

    @Override
    public Integer call() throws TcpflightException {
        List<ConnectionTimeline> timelines = recordings.read();
        new TimelineRenderer(Glyphs.forStandardOutput(), colors()).render(timelines, out());
        return 0;
    }
}
