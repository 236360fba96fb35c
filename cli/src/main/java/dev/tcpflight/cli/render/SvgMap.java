package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.MapEdge;
import dev.tcpflight.cli.analysis.MapNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet map of the HTML report as an SVG graph: one box per JVM (dashed for a peer that was not recorded), in
 * columns from the JVMs that only call others on the left to those that only serve on the right, and one arrow per
 * client and server JVM, a label line per server port with its connections, red where some failed or leaked (the
 * anomalies in its tooltip). Marks itself for automated checks with {@code data-map-nodes} and
 * {@code data-map-edges}.
 */
final class SvgMap {

    private static final int BOX_WIDTH = 190;
    private static final int BOX_HEIGHT = 36;
    private static final int COLUMN = 430;
    private static final int ROW = 80;
    private static final int MARGIN = 20;
    /** Room above the first row for a loop (a JVM that connects to itself) and its labels. */
    private static final int TOP = 90;
    private static final int LOOP = 40;
    private static final int LINE = 14;

    private SvgMap() {
    }

    static String of(List<MapEdge> edges, Function<Path, String> names) {
        Map<MapNode, Integer> columns = columns(edges);
        Map<MapNode, int[]> at = new LinkedHashMap<>();
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        // Odd columns half a row lower: an arrow that skips a column passes between its boxes, not through one.
        columns.forEach((node, column) -> at.put(node, new int[] {MARGIN + column * COLUMN,
                TOP + rowsUsed.merge(column, 1, Integer::sum) * ROW - ROW + column % 2 * ROW / 2}));
        int width = MARGIN * 2 + BOX_WIDTH + COLUMN * columns.values().stream().mapToInt(c -> c).max().orElse(0);
        int height = TOP + MARGIN + BOX_HEIGHT + ROW / 2 + ROW * (rowsUsed.values().stream().mapToInt(r -> r)
                .max().orElse(1) - 1);
        StringBuilder svg = new StringBuilder("<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
                + "\" data-map-nodes=\"" + at.size() + "\" data-map-edges=\"" + edges.size() + "\">\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>"
                + "</defs>\n");
        Map<List<MapNode>, List<MapEdge>> links = edges.stream().collect(Collectors.groupingBy(
                edge -> List.of(edge.client(), edge.server()), LinkedHashMap::new, Collectors.toList()));
        StringBuilder labels = new StringBuilder();
        links.forEach((ends, ports) -> link(svg, labels, at.get(ends.get(0)), at.get(ends.get(1)), ends.get(0)
                .equals(ends.get(1)), Integer.compare(columns.get(ends.get(1)), columns.get(ends.get(0))), ports,
                names));
        at.forEach((node, xy) -> svg.append("<g class=\"node").append(node.recording().isEmpty() ? " external" : "")
                .append("\"><rect x=\"").append(xy[0]).append("\" y=\"").append(xy[1]).append("\" width=\"")
                .append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT).append("\" rx=\"4\"/><text x=\"")
                .append(xy[0] + BOX_WIDTH / 2).append("\" y=\"").append(xy[1] + BOX_HEIGHT / 2 + 4)
                .append("\" text-anchor=\"middle\">").append(Html.escape(MapRenderer.jvm(node, names)))
                .append("</text></g>\n"));
        return svg.append(labels).append("</svg>").toString(); // over the boxes, each on a halo
    }

    /**
     * One arrow from a client JVM to a server JVM, labelled with one line per port: left to right towards a later
     * column, right to left (lower, apart from an arrow the other way) towards an earlier one, top to bottom within
     * a column, and a loop above the box for a JVM that connects to itself.
     */
    private static void link(StringBuilder svg, StringBuilder labels, int[] from, int[] to, boolean self,
                             int direction, List<MapEdge> ports, Function<Path, String> names) {
        boolean bad = ports.stream().anyMatch(edge -> edge.failed() + edge.leaking() > 0);
        int labelX;
        int labelY;
        svg.append("<g class=\"link").append(bad ? " bad" : "").append("\">");
        labels.append("<g class=\"labels\">");
        if (self) {
            int left = from[0] + BOX_WIDTH / 3;
            int right = from[0] + 2 * BOX_WIDTH / 3;
            svg.append("<path d=\"M ").append(left).append(' ').append(from[1]).append(" C ").append(left).append(' ')
                    .append(from[1] - LOOP).append(", ").append(right).append(' ').append(from[1] - LOOP).append(", ")
                    .append(right).append(' ').append(from[1]).append("\" fill=\"none\" marker-end=\"url(#arrow)\"/>");
            labelX = from[0] + BOX_WIDTH / 2;
            labelY = from[1] - LOOP;
        } else {
            int x1 = direction > 0 ? from[0] + BOX_WIDTH : direction < 0 ? from[0] : from[0] + BOX_WIDTH / 2;
            int x2 = direction > 0 ? to[0] : direction < 0 ? to[0] + BOX_WIDTH : to[0] + BOX_WIDTH / 2;
            int lower = direction < 0 ? BOX_HEIGHT / 4 : 0;
            int y1 = direction == 0 ? from[1] + (to[1] > from[1] ? BOX_HEIGHT : 0) : from[1] + BOX_HEIGHT / 2 + lower;
            int y2 = direction == 0 ? to[1] + (to[1] > from[1] ? 0 : BOX_HEIGHT) : to[1] + BOX_HEIGHT / 2 + lower;
            svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                    .append("\" y2=\"").append(y2).append("\" marker-end=\"url(#arrow)\"/>");
            labelX = (x1 + x2) / 2;
            labelY = (y1 + y2) / 2 + (direction < 0 ? LINE * ports.size() : 0);
        }
        for (int i = 0; i < ports.size(); i++) {
            MapEdge edge = ports.get(i);
            labels.append("<g class=\"edge").append(edge.failed() + edge.leaking() > 0 ? " bad" : "")
                    .append("\" data-connections=\"").append(edge.connections()).append("\"><title>")
                    .append(Html.escape(title(edge, names))).append("</title><text x=\"").append(labelX)
                    .append("\" y=\"").append(labelY - 6 - LINE * (ports.size() - 1 - i))
                    .append("\" text-anchor=\"middle\">").append(Html.escape(label(edge))).append("</text></g>");
        }
        svg.append("</g>\n");
        labels.append("</g>\n");
    }

    /**
     * A node's column: 0 for one that calls but serves nobody here, else one more than the deepest of its clients
     * (a proxy sits between its callers and its backends); a cycle stops at the number of nodes.
     */
    private static Map<MapNode, Integer> columns(List<MapEdge> edges) {
        Set<MapNode> nodes = new LinkedHashSet<>();
        edges.forEach(edge -> {
            nodes.add(edge.client());
            nodes.add(edge.server());
        });
        Map<MapNode, List<MapNode>> clients = edges.stream().collect(Collectors.groupingBy(MapEdge::server,
                LinkedHashMap::new, Collectors.mapping(MapEdge::client, Collectors.toList())));
        Map<MapNode, Integer> columns = new LinkedHashMap<>();
        nodes.forEach(node -> columns.put(node, 0));
        for (int pass = 0; pass < nodes.size(); pass++) {
            boolean changed = false;
            for (MapNode node : nodes) {
                int column = clients.getOrDefault(node, List.of()).stream().filter(c -> !c.equals(node))
                        .mapToInt(c -> columns.get(c) + 1).max().orElse(0);
                if (column != columns.get(node) && column < nodes.size()) {
                    columns.put(node, column);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        // A JVM that only calls sits just left of the servers it calls, not far left across other boxes.
        Map<MapNode, Integer> pulled = new LinkedHashMap<>(columns);
        edges.stream().map(MapEdge::client).distinct().filter(client -> !clients.containsKey(client))
                .forEach(client -> pulled.put(client, Math.max(0, edges.stream().filter(e -> e.client().equals(client))
                        .mapToInt(e -> columns.get(e.server())).min().orElse(1) - 1)));
        return pulled;
    }

    /** {@code :5432  2 connections, 2 leaking}. */
    private static String label(MapEdge edge) {
        List<String> parts = new ArrayList<>(List.of(edge.connections() + (edge.connections() == 1 ? " connection"
                : " connections")));
        if (edge.failed() > 0) {
            parts.add(edge.failed() + " failed");
        }
        if (edge.leaking() > 0) {
            parts.add(edge.leaking() + " leaking");
        }
        return ":" + edge.port() + "  " + String.join(", ", parts);
    }

    /** The tooltip: both ends and the anomalies, worst first. */
    private static String title(MapEdge edge, Function<Path, String> names) {
        String kinds = MapRenderer.kinds(edge);
        return MapRenderer.jvm(edge.client(), names) + " → " + MapRenderer.jvm(edge.server(), names) + ":" + edge.port()
                + (kinds.isEmpty() ? "" : ": " + kinds);
    }
}
