package dev.tcpflight.agent.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Linux's {@code /proc/net/unix}: which of a few socket inodes are Unix-domain sockets. A process's Unix-domain
 * sockets (a database over its local socket, a container runtime's API) never become TCP, so once found here they
 * are never looked for in the TCP tables, whose reading walks the host's whole TCP socket table (about 260 ms of
 * CPU with 100,000 TIME_WAIT rows, against well under a millisecond for this table on a server).
 */
final class UnixSocketTable {

    static final Path UNIX = Path.of("/proc/net/unix");
    /** "Num RefCount Protocol Flags Type St Inode Path": the inode is the seventh column. */
    private static final int INODE_COLUMN = 6;

    private UnixSocketTable() {
    }

    /** Those of {@code inodes} that {@code table} lists; none where it cannot be read. */
    static Set<Long> listed(Path table, Set<Long> inodes) {
        Set<Long> found = new HashSet<>();
        try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            lines.readLine(); // the header
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long inode = inode(line);
                if (inode >= 0 && inodes.contains(inode)) {
                    found.add(inode);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or no such table: the TCP tables will tell
        }
        return found;
    }

    private static long inode(String line) {
        int column = 0;
        int at = 0;
        int length = line.length();
        while (at < length) {
            while (at < length && line.charAt(at) == ' ') {
                at++;
            }
            int start = at;
            while (at < length && line.charAt(at) != ' ') {
                at++;
            }
            if (column++ == INODE_COLUMN) {
                return start < at ? Long.parseLong(line, start, at, 10) : -1;
            }
        }
        return -1;
    }
}
