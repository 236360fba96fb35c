package dev.tcpflight.cli.recording;

import java.time.Instant;

/**
 * One chunk of a recording file, as its header says: a chunk is self-contained (its own metadata and constants),
 * so each can be parsed on its own.
 *
 * @param size the size the header claims: 0 or past the end of the file for a chunk still being written
 */
public record Chunk(long offset, long size, Instant end) {
}
