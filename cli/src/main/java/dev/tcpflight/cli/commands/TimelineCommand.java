package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.TimelineRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "timeline",
        description = "Show each connection's TCP state transitions from .jfr recordings.",
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight timeline app.jfr",
                "  tcpflight timeline --port 8080 client.jfr server.jfr"})
public final class TimelineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Recording(s) of JVMs that ran with the tcpflight agent and tcpflight.jfc.")
    private List<Path> files;

    @Option(names = "--port", paramLabel = "N", description = "Only connections with local or remote port N.")
    private Integer port;

    @Option(names = "--connection", paramLabel = "ID", description = "Only the connection(s) with this id.")
    private Long connectionId;

    @Override
    public Integer call() throws TcpflightException {
        List<ConnectionTimeline> timelines = RecordingReader.read(files).stream().filter(this::matches).toList();
        if (timelines.isEmpty()) {
            spec.commandLine().getErr().println("tcpflight: no connection matches the filters");
        } else {
            new TimelineRenderer(Glyphs.forStandardOutput()).render(timelines, spec.commandLine().getOut());
        }
        return 0;
    }

    private boolean matches(ConnectionTimeline timeline) {
        SocketInfo socket = timeline.socket();
        return (port == null || socket.local().port() == port || socket.remote().port() == port)
                && (connectionId == null || timeline.id() == connectionId);
    }
}
