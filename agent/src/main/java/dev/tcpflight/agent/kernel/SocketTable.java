package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.TcpState;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel state, as of the last read of the OS table, of the 4-tuples someone wants to know about. Only
 * wanted tuples are kept, so its size follows the followed sockets, never the host's whole table (a busy host
 * can list hundreds of thousands of rows). Rows are matched through one reusable probe tuple: a lookup
 * allocates nothing. Used by the sampler thread only.
 */
final class SocketTable implements ProcNetTcp.RowSink {

    /** One wanted tuple: its state in the last read, valid when {@code seenIn} is that read's number. */
    static final class Entry {
        private int wanted;
        private long seenIn;
        private TcpState state;
        private final SocketTable table;

        private Entry(SocketTable table) {
            this.table = table;
        }

        /** The tuple's state in the last read; CLOSED when it was not listed. */
        TcpState state() {
            return seenIn == table.read ? state : TcpState.CLOSED;
        }
    }

    private final Map<TcpTuple, Entry> entries = new HashMap<>();
    private final TcpTuple probe = new TcpTuple();
    private long read;
    private int wantedIpv4;

    /** Starts wanting {@code tuple} (counted: wanting it twice needs two releases). */
    Entry want(TcpTuple tuple) {
        Entry entry = entries.computeIfAbsent(tuple, t -> new Entry(this));
        if (entry.wanted++ == 0 && tuple.isIpv4()) {
            wantedIpv4++;
        }
        return entry;
    }

    void release(TcpTuple tuple) {
        Entry entry = entries.get(tuple);
        if (entry != null && --entry.wanted == 0) {
            entries.remove(tuple);
            if (tuple.isIpv4()) {
                wantedIpv4--;
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** True when some wanted tuple is IPv4, so {@code /proc/net/tcp} (AF_INET sockets) must be read too. */
    boolean wantsIpv4() {
        return wantedIpv4 > 0;
    }

    /** A new read of the OS table starts: every tuple counts as gone until a row lists it. */
    void beginRead() {
        read++;
    }

    @Override
    public void row(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort,
                    int stateCode, long inode) {
        probe.set(localHi, localLo, localPort, remoteHi, remoteLo, remotePort);
        Entry entry = entries.get(probe);
        if (entry != null) {
            TcpState state = ProcNetTcp.state(stateCode);
            if (state != null) {
                entry.state = state;
                entry.seenIn = read;
            }
        }
    }
}
