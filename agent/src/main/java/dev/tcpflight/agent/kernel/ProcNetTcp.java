package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.TcpState;

/**
 * Parses the text of {@code /proc/net/tcp} and {@code /proc/net/tcp6} straight from bytes, without regular
 * expressions or Strings, so that a table of tens of thousands of rows costs no garbage. A row is
 * <pre>
 *    sl  local_address                         remote_address                        st ...
 *     0: 0000000000000000FFFF00000100007F:B191 0000000000000000FFFF00000100007F:BCFA 06 ...
 * </pre>
 * An address is 8 (IPv4) or 32 (IPv6) hex digits: each 32-bit word of the network-order address printed as the
 * host reads it, so on a little-endian host every word's bytes are reversed ({@code 0100007F} is 127.0.0.1).
 * Ports and the state code are plain hex; the inode (which /proc/PID/fd links name) is the 10th column, in
 * decimal. Everything else after the state is ignored; a line that does not have this
 * shape (the header, a truncated or unknown line) is skipped. One parser per thread: it keeps the row being
 * parsed in fields.
 */
final class ProcNetTcp {

    /** Receives each parsed row; addresses are in {@link TcpTuple}'s form. */
    interface RowSink {
        /** @param inode the socket's inode, or -1 when the sink does not want it (parsing it costs a little) */
        void row(long localHi, long localLo, int localPort, long remoteHi, long remoteLo, int remotePort,
                 int stateCode, long inode);

        default boolean wantsInode() {
            return false;
        }

        /**
         * Whether rows in the state with this {@code st} code are wanted: the others are skipped after a look at
         * their state, before their addresses are parsed.
         */
        default boolean wantsState(int stateCode) {
            return true;
        }
    }

    /** Columns between the state and the inode: tx_queue:rx_queue tr:tm->when retrnsmt uid timeout. */
    private static final int COLUMNS_BEFORE_INODE = 5;

    private static final TcpState[] STATES_BY_CODE = new TcpState[16];
    private static final byte[] HEX = new byte[256];

    static {
        // include/net/tcp_states.h
        STATES_BY_CODE[0x01] = TcpState.ESTABLISHED;
        STATES_BY_CODE[0x02] = TcpState.SYN_SENT;
        STATES_BY_CODE[0x03] = TcpState.SYN_RECEIVED;
        STATES_BY_CODE[0x04] = TcpState.FIN_WAIT_1;
        STATES_BY_CODE[0x05] = TcpState.FIN_WAIT_2;
        STATES_BY_CODE[0x06] = TcpState.TIME_WAIT;
        STATES_BY_CODE[0x07] = TcpState.CLOSED;
        STATES_BY_CODE[0x08] = TcpState.CLOSE_WAIT;
        STATES_BY_CODE[0x09] = TcpState.LAST_ACK;
        STATES_BY_CODE[0x0A] = TcpState.LISTEN;
        STATES_BY_CODE[0x0B] = TcpState.CLOSING;
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'A'; c <= 'F'; c++) {
            HEX[c] = (byte) (c - 'A' + 10);
            HEX[c + ('a' - 'A')] = (byte) (c - 'A' + 10);
        }
    }

    private final boolean littleEndianWords;

    // the row being parsed; fields rather than locals so that the address parser can return two longs
    private long hi;
    private long lo;
    private int port;
    private int at;

    /** @param littleEndianWords true on a little-endian host (x86, most ARM): each address word is byte-reversed */
    ProcNetTcp(boolean littleEndianWords) {
        this.littleEndianWords = littleEndianWords;
    }

    /** The state that a {@code st} code stands for; null for a code this version does not know. */
    static TcpState state(int code) {
        return code >= 0 && code < STATES_BY_CODE.length ? STATES_BY_CODE[code] : null;
    }

    /**
     * Parses the complete lines in {@code bytes[from, to)}.
     *
     * @param endOfInput whether the input ends at {@code to}; if so a last line without its newline is parsed too
     * @return where the unparsed rest begins: the start of a trailing incomplete line, or {@code to}
     */
    int parse(byte[] bytes, int from, int to, boolean endOfInput, RowSink sink) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                parseLine(bytes, lineStart, i, sink);
                lineStart = i + 1;
            }
        }
        if (endOfInput && lineStart < to) {
            parseLine(bytes, lineStart, to, sink);
            return to;
        }
        return lineStart;
    }

    /** Parses one line without its newline; true when it was a row and was given to the sink. */
    boolean parseLine(byte[] b, int start, int end, RowSink sink) {
        at = start;
        skipSpaces(b, end);
        int digits = at;
        while (at < end && b[at] >= '0' && b[at] <= '9') {
            at++;
        }
        if (at == digits || !expect(b, end, ':')) {
            return false; // the header ("  sl  local_address ...") or garbage
        }
        skipSpaces(b, end);
        int peeked = peekState(b, end);
        if (peeked >= 0 && !sink.wantsState(peeked)) {
            return false;
        }
        if (!endpoint(b, end)) {
            return false;
        }
        long localHi = hi;
        long localLo = lo;
        int localPort = port;
        if (!expect(b, end, ' ')) {
            return false;
        }
        skipSpaces(b, end);
        if (!endpoint(b, end)) {
            return false;
        }
        if (!expect(b, end, ' ')) {
            return false;
        }
        skipSpaces(b, end);
        int code = hex(b, end, 2);
        if (code < 0 || (at < end && b[at] != ' ') || !sink.wantsState(code)) {
            return false;
        }
        long inode = sink.wantsInode() ? inode(b, end) : -1;
        if (inode == Long.MIN_VALUE) {
            return false;
        }
        sink.row(localHi, localLo, localPort, hi, lo, port, code, inode);
        return true;
    }

    /**
     * The state code of the row whose local address starts at {@code at}, found where the kernel's fixed-width
     * format puts it ({@code ADDR:PORT ADDR:PORT ST}), or -1 when the line is not laid out so; leaves {@code at}.
     */
    private int peekState(byte[] b, int end) {
        int digits = 0;
        while (at + digits < end && HEX[b[at + digits] & 0xff] >= 0) {
            digits++;
        }
        int state = at + 2 * (digits + ":PORT ".length());
        if (state + 2 > end || b[state - 1] != ' ' || (state + 2 < end && b[state + 2] != ' ')) {
            return -1;
        }
        int high = HEX[b[state] & 0xff];
        int low = HEX[b[state + 1] & 0xff];
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    /** The inode column after the state, or {@link Long#MIN_VALUE} when the line is too short. */
    private long inode(byte[] b, int end) {
        for (int column = 0; column < COLUMNS_BEFORE_INODE; column++) {
            skipSpaces(b, end);
            while (at < end && b[at] != ' ') {
                at++;
            }
        }
        skipSpaces(b, end);
        long value = 0;
        int start = at;
        while (at < end && b[at] >= '0' && b[at] <= '9' && at - start < 19) {
            value = value * 10 + (b[at] - '0');
            at++;
        }
        return at == start ? Long.MIN_VALUE : value;
    }

    /** {@code ADDRESS:PORT} into hi, lo, port. */
    private boolean endpoint(byte[] b, int end) {
        int digits = 0;
        while (at + digits < end && HEX[b[at + digits] & 0xff] >= 0) {
            digits++;
        }
        if (digits == 8) {
            long word = word(b);
            hi = 0;
            lo = TcpTuple.IPV4_MAPPED_PREFIX | word;
        } else if (digits == 32) {
            long w0 = word(b);
            long w1 = word(b);
            long w2 = word(b);
            long w3 = word(b);
            hi = (w0 << 32) | w1;
            lo = (w2 << 32) | w3;
        } else {
            return false;
        }
        if (!expect(b, end, ':')) {
            return false;
        }
        int start = at;
        int value = 0;
        while (at < end && at - start < 5 && HEX[b[at] & 0xff] >= 0) {
            value = (value << 4) | HEX[b[at] & 0xff];
            at++;
        }
        if (at == start || at - start > 4) {
            return false;
        }
        port = value;
        return true;
    }

    /** The next 8 hex digits (already validated) as one address word in network byte order, unsigned. */
    private long word(byte[] b) {
        int value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 4) | HEX[b[at + i] & 0xff];
        }
        at += 8;
        return (littleEndianWords ? Integer.reverseBytes(value) : value) & 0xffff_ffffL;
    }

    /** Exactly {@code count} hex digits, or -1. */
    private int hex(byte[] b, int end, int count) {
        if (end - at < count) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < count; i++) {
            int digit = HEX[b[at + i] & 0xff];
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        at += count;
        return value;
    }

    private boolean expect(byte[] b, int end, char c) {
        if (at < end && b[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpaces(byte[] b, int end) {
        while (at < end && b[at] == ' ') {
            at++;
        }
    }
}
