package dev.tcpflight.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback wire of a test, as tcpdump captures it: the FIN and RST segments between two ports, in order, to
 * check a recording against what the packets imply. Needs tcpdump and the right to capture (root, as in CI).
 */
final class WireCapture implements AutoCloseable {

    /** One FIN or RST: who sent it ({@code fromPort}) and which. */
    record Segment(int fromPort, int toPort, boolean fin, boolean rst) {
    }

    /**
     * Any TCP segment: when it was captured, who sent it, its flags as tcpdump prints them ({@code S}, {@code F.},
     * {@code P.}, {@code R}...), its payload length, the (absolute) sequence number just past its bytes, which
     * is its FIN's for a FIN ({@code seq}; -1 if none printed) and its acknowledgement number ({@code ack}; -1
     * without the ACK flag), for tests that time a recording against the wire, count its bytes or tell which FIN
     * each end had received.
     */
    record Packet(Instant time, int fromPort, int toPort, String flags, int length, long seq, long ack) {
        boolean fin() {
            return flags.contains("F");
        }

        boolean rst() {
            return flags.contains("R");
        }

        boolean syn() {
            return flags.contains("S");
        }

        /** Whether this segment's sender had received {@code other} (its FIN, say): it acknowledges it. */
        boolean acknowledges(Packet other) {
            return ack >= 0 && other.seq >= 0 && (int) (ack - other.seq) > 0; // modulo 2^32
        }
    }

    // "1700000000.123456 IP 127.0.0.1.45678 > 127.0.0.1.34567: Flags [F.], seq 17, ack 9, win 512, length 0"
    // (tcpdump -S: absolute sequence numbers; "seq 1:99" for a segment carrying bytes 1 to 98)
    private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d+) IP6? \\S+\\.(\\d+) > \\S+\\.(\\d+):"
            + " Flags \\[([^\\]]*)\\](?:, seq (\\d+)(?::(\\d+))?)?(?:, ack (\\d+))?(?:.*?length (\\d+))?");

    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");
    /** Enough for the Ethernet, IP (v4 or v6) and TCP headers with all options. */
    private static final int SNAPSHOT_BYTES = 256;

    private final Process tcpdump;
    private final Path file;
    private Thread drain;
    private volatile long dropped = -1;

    private WireCapture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /** Whether this machine can capture: tcpdump present and allowed to open the loopback interface (-d opens it). */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("tcpdump", "-i", "lo", "-d")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Starts capturing TCP on the loopback interface into {@code file}; returns once tcpdump is listening.
     * Immediate mode: without it libpcap holds packets in its buffer for up to a second, and the last ones of a
     * test would be lost when the capture stops. Headers only ({@value #SNAPSHOT_BYTES} bytes a packet; the
     * lengths printed are the IP header's): immediate mode gives each packet a slot of the snapshot length in
     * the kernel's ring, and with whole 64 KiB loopback segments a burst of a few hundred kilobytes overflowed
     * it on two busy CPUs, the kernel dropping packets from the capture.
     */
    static WireCapture start(Path file) throws IOException, InterruptedException {
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-nn", "--immediate-mode", "-U", "-s",
                Integer.toString(SNAPSHOT_BYTES), "-w", file.toString(), "tcp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            if (line.contains("listening on")) {
                WireCapture capture = new WireCapture(tcpdump, file);
                capture.drain = new Thread(() -> capture.drain(err), "tcpdump-stderr");
                capture.drain.setDaemon(true);
                capture.drain.start();
                return capture;
            }
        }
        throw new IOException("tcpdump exited before listening: " + tcpdump.waitFor());
    }

    /** Stops the capture (tcpdump flushes its file on SIGTERM, then says how many packets it lost). */
    @Override
    public void close() throws InterruptedException {
        tcpdump.destroy();
        if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
            tcpdump.destroyForcibly();
        }
        drain.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * How many packets the kernel dropped from the capture, as tcpdump said when it stopped (-1 if it did not
     * say): a packet missing from the file is the capture's loss, not a recording's error.
     */
    long droppedByKernel() {
        return dropped;
    }

    /** The FIN and RST segments between {@code portA} and {@code portB}, in capture order. */
    List<Segment> finsAndResets(int portA, int portB) throws IOException, InterruptedException {
        return packets(portA, portB).stream().filter(p -> p.fin() || p.rst())
                .map(p -> new Segment(p.fromPort(), p.toPort(), p.fin(), p.rst())).toList();
    }

    /** Every segment between {@code portA} and {@code portB}, in capture order. */
    List<Packet> packets(int portA, int portB) throws IOException, InterruptedException {
        Process read = new ProcessBuilder("tcpdump", "-r", file.toString(), "-nn", "-tt", "-S", "tcp port " + portA
                + " and tcp port " + portB).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Packet> packets = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(read.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    // -tt prints seconds and microseconds since the epoch
                    Instant time = Instant.ofEpochSecond(Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2)) * 1_000);
                    long seq = m.group(7) != null ? Long.parseLong(m.group(7))
                            : m.group(6) != null ? Long.parseLong(m.group(6)) : -1;
                    packets.add(new Packet(time, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            m.group(5), m.group(9) == null ? 0 : Integer.parseInt(m.group(9)), seq,
                            m.group(8) == null ? -1 : Long.parseLong(m.group(8))));
                }
            }
        }
        read.waitFor(10, TimeUnit.SECONDS);
        return packets;
    }

    long size() throws IOException {
        return Files.size(file);
    }

    /** Reads tcpdump's closing counts, so it never blocks on a full pipe, and keeps the drops. */
    private void drain(BufferedReader err) {
        try {
            for (String line; (line = err.readLine()) != null; ) {
                Matcher m = DROPPED.matcher(line);
                if (m.matches()) {
                    dropped = Long.parseLong(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
