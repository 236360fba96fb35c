package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.MapEdge;
import dev.tcpflight.cli.analysis.MapNode;
import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet map as a table, one row per edge: client JVM, server JVM and port, and what went wrong on it.
 *
 * @param names what to call each recorded JVM (its label or its file name)
 */
public record MapRenderer(Colors colors, Function<Path, String> names) {

    public void render(List<MapEdge> edges, PrintWriter out) {
        long connections = edges.stream().mapToLong(MapEdge::connections).sum();
        out.println(colors.heading(connections + (connections == 1 ? " connection" : " connections") + " on "
                + edges.size() + (edges.size() == 1 ? " edge" : " edges")));
        TextTable table = new TextTable("", Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT,
                Align.LEFT);
        table.heading("client", "server", "connections", "failed", "leaking", "anomalies");
        edges.forEach(edge -> table.row(client(edge.client()), server(edge.server(), edge.port()),
                String.valueOf(edge.connections()), String.valueOf(edge.failed()), String.valueOf(edge.leaking()),
                kinds(edge)));
        table.lines(colors::bold).forEach(out::println);
        out.flush();
    }

    private String client(MapNode node) {
        return jvm(node, names);
    }

    /** A recorded JVM by its name, a peer that was not recorded as {@code external ADDRESS}. */
    static String jvm(MapNode node, Function<Path, String> names) {
        return node.recording().map(names).orElseGet(() -> "external " + node.address());
    }

    /** A server is a port: {@code backend.jfr:5432}, {@code external 10.0.0.5:5432}. */
    private String server(MapNode node, int port) {
        return node.recording().map(recording -> names.apply(recording) + ":" + port)
                .orElseGet(() -> "external " + new Endpoint(node.address(), port));
    }

    /** {@code connect refused 2, CLOSE_WAIT held 1}, worst first. */
    static String kinds(MapEdge edge) {
        return edge.kinds().entrySet().stream()
                .map(kind -> kind.getKey().title() + " " + kind.getValue())
                .collect(Collectors.joining(", "));
    }
}
