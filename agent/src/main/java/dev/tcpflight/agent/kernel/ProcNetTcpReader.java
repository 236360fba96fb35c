package dev.tcpflight.agent.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads {@code /proc/net/tcp} and {@code /proc/net/tcp6} into a {@link SocketTable}, each in one pass through
 * one reusable buffer: the kernel formats the table as it is read, so the cost is one walk of the kernel's
 * socket hash per file. {@code tcp6} lists IPv6 and dual-stack sockets (IPv4 peers as {@code ::ffff:a.b.c.d});
 * {@code tcp} lists IPv4-only sockets and is skipped when no wanted tuple is IPv4. A {@code tcp6} missing from
 * the start (IPv6 disabled in the kernel) counts as empty; any other failure to read fails the whole read.
 */
final class ProcNetTcpReader {

    static final Path TCP = Path.of("/proc/net/tcp");
    static final Path TCP6 = Path.of("/proc/net/tcp6");

    private final Path tcp;
    private final Path tcp6;
    private final boolean hasTcp6;
    private final ProcNetTcp parser = new ProcNetTcp(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    private final byte[] bytes = new byte[16 * 1024]; // the kernel hands out about a page per read() anyway
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private long bytesRead;

    ProcNetTcpReader(Path tcp, Path tcp6) {
        this.tcp = tcp;
        this.tcp6 = tcp6;
        this.hasTcp6 = Files.exists(tcp6);
    }

    /** Replaces the table's view with the current OS tables; on an exception the view is not to be used. */
    void read(SocketTable table) throws IOException {
        table.beginRead();
        read(table, table.wantsIpv4());
    }

    /** Hands every row of the OS tables to {@code sink}; {@code tcp} (AF_INET sockets) only if {@code ipv4}. */
    void read(ProcNetTcp.RowSink sink, boolean ipv4) throws IOException {
        bytesRead = 0;
        if (ipv4) {
            readFile(tcp, sink);
        }
        if (hasTcp6) {
            readFile(tcp6, sink);
        }
    }

    /** Bytes of table text read by the last {@link #read}; for measurements. */
    long lastBytes() {
        return bytesRead;
    }

    private void readFile(Path file, ProcNetTcp.RowSink table) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            while (true) {
                int n = channel.read(buffer);
                boolean end = n < 0;
                int filled = buffer.position();
                int rest = parser.parse(bytes, 0, filled, end, table);
                if (end) {
                    return;
                }
                bytesRead += n;
                if (rest == 0 && filled == bytes.length) {
                    rest = filled; // no newline in the whole buffer: not a table line, drop it
                }
                System.arraycopy(bytes, rest, bytes, 0, filled - rest);
                buffer.position(filled - rest);
            }
        }
    }

    /** Null when {@code tcp} can be read, else why not. */
    static String problemReading(Path tcp) {
        try (FileChannel channel = FileChannel.open(tcp, StandardOpenOption.READ)) {
            channel.read(ByteBuffer.allocate(128));
            return null;
        } catch (Throwable failure) {
            return "the kernel sampler needs Linux's " + tcp + ", which cannot be read here (os.name "
                    + System.getProperty("os.name") + ": " + failure + ")";
        }
    }
}
