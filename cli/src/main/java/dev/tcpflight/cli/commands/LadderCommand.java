package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.ConnectionPair;
import dev.tcpflight.cli.recording.ConnectionFilter;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.LadderRenderer;
import dev.tcpflight.schema.Role;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "ladder",
        description = {"Draw both ends of each connection as a textbook ladder diagram.",
                "Time flows down; each end's state changes are written in its column and the segments they"
                        + " imply (SYN, SYN+ACK, ACK, FIN, RST) drawn as arrows between the columns: the handshake"
                        + " and teardown diagrams of a TCP textbook. Ends are paired by their endpoints (one's"
                        + " local is the other's remote), within one recording (loopback) or across the"
                        + " recordings of two JVMs."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight ladder app.jfr",
                "  tcpflight ladder client.jfr server.jfr --port 8080",
                "  tcpflight ladder --connection 2 app.jfr"})
public final class LadderCommand extends RecordingCommand {

    @Override
    public Integer call() throws TcpflightException {
        RecordingReader reader = recordings.open();
        List<ConnectionTimeline> all = recordings.readUnfiltered(reader);
        List<ConnectionPair> pairs = recordings.pairs(reader, all);
        if (pairs.isEmpty()) {
            recordings.noneMatched(reader);
            return 0;
        }
        PrintWriter out = out();
        new LadderRenderer(Glyphs.forStandardOutput(), colors()).render(pairs, out);
        ConnectionFilter filter = recordings.filter(reader);
        long listeners = all.stream().filter(t -> t.socket().is(Role.LISTENER) && filter.test(t)).count();
        if (listeners > 0) {
            out.println();
            out.println("(" + listeners + (listeners == 1 ? " listener" : " listeners")
                    + " not drawn: a listening socket has no other end)");
        }
        out.flush();
        return 0;
    }
}
