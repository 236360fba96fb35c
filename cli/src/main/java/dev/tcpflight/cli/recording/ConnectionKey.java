package dev.tcpflight.cli.recording;

import java.nio.file.Path;

/** Connection ids are unique only within one JVM run, so a connection is identified by its recording too. */
public record ConnectionKey(Path recording, long connectionId) {
}
