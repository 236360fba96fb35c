package dev.tcpflight.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.schema.TcpState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows as a little-endian Linux prints them (copied from real tables), and lines that must be skipped. */
class ProcNetTcpTest {

    static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode                                                     ";
    static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    /** 127.0.0.1:41368 -> 127.0.0.1:41223 in FIN_WAIT2, from /proc/net/tcp. */
    static final String IPV4_ROW = "   1: 0100007F:A198 0100007F:A107 05 00000000:00000000 00:00000000 00000000"
            + "     0        0 0 3 00000000816a9b86                                      ";
    /** 192.168.2.2 listening on 2024 (a 0A row, remote 0.0.0.0:0). */
    static final String IPV4_LISTEN_ROW = "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000"
            + " 00000000     0        0 1604 1 00000000f4b4e869 100 0 0 10 0                      ";
    /** ::ffff:127.0.0.1:45457 -> ::ffff:127.0.0.1:48378 in TIME_WAIT, from /proc/net/tcp6. */
    static final String MAPPED_ROW = "   0: 0000000000000000FFFF00000100007F:B191 0000000000000000FFFF00000100007F"
            + ":BCFA 06 00000000:00000000 03:000005DC 00000000     0        0 0 3 00000000616026cd";
    /** [2001:db8::1]:443 -> [::1]:50000 in LAST_ACK. */
    static final String IPV6_ROW = "  12: B80D0120000000000000000001000000:01BB 00000000000000000000000001000000"
            + ":C350 09 00000000:00000001 01:00000014 00000000  1000        0 0 1 0000000000000000 20 4 0 10 -1";

    private final List<String> rows = new ArrayList<>();
    private final ProcNetTcp.RowSink sink = (lHi, lLo, lPort, rHi, rLo, rPort, st, inode) ->
            rows.add(new TcpTuple(lHi, lLo, lPort, rHi, rLo, rPort) + " " + ProcNetTcp.state(st));
    private final ProcNetTcp littleEndian = new ProcNetTcp(true);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean parseLine(ProcNetTcp parser, String line) {
        byte[] b = bytes(line);
        return parser.parseLine(b, 0, b.length, sink);
    }

    @Test
    void anIpv4RowHasByteSwappedAddressesAndPlainHexPorts() {
        assertTrue(parseLine(littleEndian, IPV4_ROW));
        assertEquals(List.of("127.0.0.1:41368 -> 127.0.0.1:41223 FIN_WAIT_2"), rows);
    }

    @Test
    void aListeningRowHasTheWildcardPeer() {
        assertTrue(parseLine(littleEndian, IPV4_LISTEN_ROW));
        assertEquals(List.of("0.0.0.0:2024 -> 0.0.0.0:0 LISTEN"), rows);
    }

    @Test
    void anIpv4MappedRowOfTcp6IsTheSameTupleAsTheIpv4One() throws Exception {
        List<TcpTuple> tuples = new ArrayList<>();
        ProcNetTcp.RowSink collect = (lHi, lLo, lPort, rHi, rLo, rPort, st, inode) ->
                tuples.add(new TcpTuple(lHi, lLo, lPort, rHi, rLo, rPort));
        byte[] b = bytes(MAPPED_ROW);
        assertTrue(littleEndian.parseLine(b, 0, b.length, collect));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(TcpTuple.of(new InetSocketAddress(loopback, 0xB191), new InetSocketAddress(loopback, 0xBCFA)),
                tuples.get(0));
        assertTrue(parseLine(littleEndian, MAPPED_ROW));
        assertEquals(List.of("127.0.0.1:45457 -> 127.0.0.1:48378 TIME_WAIT"), rows);
    }

    @Test
    void theInodeIsParsedOnlyForASinkThatWantsIt() {
        List<Long> inodes = new ArrayList<>();
        ProcNetTcp.RowSink withInodes = new ProcNetTcp.RowSink() {
            @Override
            public void row(long lHi, long lLo, int lPort, long rHi, long rLo, int rPort, int st, long inode) {
                inodes.add(inode);
            }

            @Override
            public boolean wantsInode() {
                return true;
            }
        };
        for (String row : List.of(IPV4_LISTEN_ROW, MAPPED_ROW, IPV6_ROW)) {
            byte[] b = bytes(row);
            assertTrue(littleEndian.parseLine(b, 0, b.length, withInodes), row);
        }
        assertEquals(List.of(1604L, 0L, 0L), inodes);
        List<Long> unwanted = new ArrayList<>();
        byte[] b = bytes(IPV4_LISTEN_ROW);
        littleEndian.parseLine(b, 0, b.length, (lHi, lLo, lPort, rHi, rLo, rPort, st, inode) -> unwanted.add(inode));
        assertEquals(List.of(-1L), unwanted);
        byte[] cut = bytes(IPV4_LISTEN_ROW.substring(0, IPV4_LISTEN_ROW.indexOf(" 1604")));
        assertFalse(littleEndian.parseLine(cut, 0, cut.length, withInodes), "a row cut before its inode");
    }

    @Test
    void rowsInAStateTheSinkDoesNotWantAreSkippedBeforeTheirAddresses() {
        List<Integer> asked = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        ProcNetTcp.RowSink noTimeWait = new ProcNetTcp.RowSink() {
            @Override
            public void row(long lHi, long lLo, int lPort, long rHi, long rLo, int rPort, int st, long inode) {
                kept.add(new TcpTuple(lHi, lLo, lPort, rHi, rLo, rPort) + " " + ProcNetTcp.state(st));
            }

            @Override
            public boolean wantsState(int stateCode) {
                asked.add(stateCode);
                return ProcNetTcp.state(stateCode) != TcpState.TIME_WAIT;
            }
        };
        // A table of 10,000 rows or more numbers them with 5 digits; an address that is not hex is not peeked at.
        String fiveDigits = MAPPED_ROW.replaceFirst("^ {3}0:", "12345:");
        String notHex = MAPPED_ROW.replace("0100007F:B191", "0100007G:B191");
        for (String row : List.of(IPV4_ROW, MAPPED_ROW, fiveDigits, IPV6_ROW, notHex)) {
            byte[] b = bytes(row);
            littleEndian.parseLine(b, 0, b.length, noTimeWait);
        }
        assertEquals(List.of("127.0.0.1:41368 -> 127.0.0.1:41223 FIN_WAIT_2",
                "[2001:db8:0:0:0:0:0:1]:443 -> [0:0:0:0:0:0:0:1]:50000 LAST_ACK"), kept);
        assertEquals(List.of(0x05, 0x05, 0x06, 0x06, 0x09, 0x09), asked,
                "each kept row asked before and after its addresses, each TIME_WAIT row once, the bad row never");
    }

    @Test
    void anIpv6RowHasFourByteSwappedWords() {
        assertTrue(parseLine(littleEndian, IPV6_ROW));
        assertEquals(List.of("[2001:db8:0:0:0:0:0:1]:443 -> [0:0:0:0:0:0:0:1]:50000 LAST_ACK"), rows);
    }

    @Test
    void aBigEndianHostPrintsWordsInNetworkOrder() {
        ProcNetTcp bigEndian = new ProcNetTcp(false);
        assertTrue(parseLine(bigEndian, "   0: 7F000001:0050 0A010203:C350 01 00000000:00000000"));
        assertTrue(parseLine(bigEndian,
                "   1: 20010DB8000000000000000000000001:01BB 00000000000000000000000000000001:C350 0B 0"));
        assertEquals(List.of("127.0.0.1:80 -> 10.1.2.3:50000 ESTABLISHED",
                "[2001:db8:0:0:0:0:0:1]:443 -> [0:0:0:0:0:0:0:1]:50000 CLOSING"), rows);
    }

    @Test
    void everyStateCodeOfTheKernelMapsToItsState() {
        String[] expected = {null, "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2",
                "TIME_WAIT", "CLOSED", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", null, null, null, null};
        for (int code = 0; code < expected.length; code++) {
            TcpState state = ProcNetTcp.state(code);
            assertEquals(expected[code], state == null ? null : state.name(), "code " + code);
        }
        assertNull(ProcNetTcp.state(0x10));
        assertNull(ProcNetTcp.state(-1));
        assertNull(ProcNetTcp.state(0xff));
    }

    @Test
    void headersAndMalformedLinesAreSkipped() {
        List<String> bad = List.of(
                TCP_HEADER,
                TCP6_HEADER,
                "",
                "   ",
                "garbage",
                "   1:",
                "   1: 0100007F:A198",                                     // truncated after the local end
                "   1: 0100007F:A198 0100007F:A107",                       // no state
                "   1: 0100007F:A198 0100007F:A107 5 0",                   // one-digit state
                "   1: 0100007F:A198 0100007F:A107 055 0",                 // three-digit state
                "   1: 0100007F:A198 0100007F:A107 0G 0",                  // not hex
                "   1: 0100007:A198 0100007F:A107 01 0",                   // 7-digit address
                "   1: 0100007F0:A198 0100007F:A107 01 0",                 // 9-digit address
                "   1: 0100007F:A198F 0100007F:A107 01 0",                 // 5-digit port
                "   1: 0100007F: 0100007F:A107 01 0",                      // no port
                "   1: 0100007F-A198 0100007F:A107 01 0",                  // no colon
                "   x: 0100007F:A198 0100007F:A107 01 0",                  // no slot number
                "   1 0100007F:A198 0100007F:A107 01 0",                   // no colon after the slot
                "   1: 0000000000000000FFFF00000100007:B191 0000000000000000FFFF00000100007F:BCFA 06 0");
        for (String line : bad) {
            assertFalse(parseLine(littleEndian, line), line);
        }
        assertEquals(List.of(), rows);
    }

    @Test
    void theStateMayEndTheLine() {
        assertTrue(parseLine(littleEndian, "   1: 0100007F:A198 0100007F:A107 05"));
        assertEquals(List.of("127.0.0.1:41368 -> 127.0.0.1:41223 FIN_WAIT_2"), rows);
    }

    @Test
    void aWholeTableIsParsedLineByLineSkippingTheHeader() {
        String table = TCP6_HEADER + "\n" + MAPPED_ROW + "\n" + "broken line\n" + IPV6_ROW + "\n";
        byte[] b = bytes(table);
        assertEquals(b.length, littleEndian.parse(b, 0, b.length, false, sink));
        assertEquals(List.of("127.0.0.1:45457 -> 127.0.0.1:48378 TIME_WAIT",
                "[2001:db8:0:0:0:0:0:1]:443 -> [0:0:0:0:0:0:0:1]:50000 LAST_ACK"), rows);
    }

    @Test
    void anIncompleteLastLineIsLeftForTheNextChunkUnlessTheInputEnds() {
        String table = TCP_HEADER + "\n" + IPV4_ROW + "\n" + IPV4_LISTEN_ROW;
        byte[] b = bytes(table);
        int rest = littleEndian.parse(b, 0, b.length, false, sink);
        assertEquals(table.indexOf(IPV4_LISTEN_ROW), rest);
        assertEquals(1, rows.size());
        assertEquals(b.length, littleEndian.parse(b, rest, b.length, true, sink));
        assertEquals(List.of("127.0.0.1:41368 -> 127.0.0.1:41223 FIN_WAIT_2", "0.0.0.0:2024 -> 0.0.0.0:0 LISTEN"),
                rows);
    }

    @Test
    void aTableSplitAtEveryPossibleByteGivesTheSameRows() {
        String table = TCP6_HEADER + "\n" + MAPPED_ROW + "\n" + IPV6_ROW + "\n";
        byte[] b = bytes(table);
        for (int split = 0; split <= b.length; split++) {
            rows.clear();
            // the way the reader does it: parse what came, carry the incomplete rest over
            byte[] buffer = new byte[b.length];
            System.arraycopy(b, 0, buffer, 0, split);
            int rest = littleEndian.parse(buffer, 0, split, false, sink);
            int carried = split - rest;
            System.arraycopy(buffer, rest, buffer, 0, carried);
            System.arraycopy(b, split, buffer, carried, b.length - split);
            littleEndian.parse(buffer, 0, carried + b.length - split, true, sink);
            assertEquals(2, rows.size(), "split at " + split + ": " + rows);
        }
    }
}
