package dev.tcpflight.cli.analysis;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One side of a {@link MapEdge}: a JVM known by its recording, or, for a peer that was not recorded, its address
 * (an external client or server).
 */
public record MapNode(Optional<Path> recording, String address) {

    static MapNode recorded(Path recording) {
        return new MapNode(Optional.of(recording), "");
    }

    static MapNode external(String address) {
        return new MapNode(Optional.empty(), address);
    }
}
