package dev.tcpflight.agent.kernel;

import static dev.tcpflight.agent.kernel.SamplerFixture.TEST_LIMITS;
import static dev.tcpflight.agent.kernel.SamplerFixture.awaitTrue;
import static dev.tcpflight.schema.TcpState.FIN_WAIT_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.kernel.SamplerFixture.Events;
import dev.tcpflight.schema.TcpState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler against table files the test writes, for the cases the kernel cannot be made to show on demand: a
 * simultaneous close, a peer end that vanished, a 4-tuple taken by a new socket, a read that fails.
 */
class KernelSamplerTableFileTest {

    private static final String HEADER = ProcNetTcpTest.TCP6_HEADER + "\n";
    /** 127.0.0.1:40000 <-> 127.0.0.1:8080, as tcp6 lists them, and each end's tuple. */
    private static final String A = "0000000000000000FFFF00000100007F:9C40";
    private static final String B = "0000000000000000FFFF00000100007F:1F90";
    private static final InetSocketAddress END_A = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress END_B = new InetSocketAddress("127.0.0.1", 8080);

    @RegisterExtension
    final SamplerFixture fixture = new SamplerFixture();

    @TempDir
    Path dir;

    private Path tcp;
    private Path tcp6;

    private KernelSampler fileSampler() throws IOException {
        tcp = dir.resolve("tcp");
        tcp6 = dir.resolve("tcp6");
        Files.writeString(tcp, ProcNetTcpTest.TCP_HEADER + "\n");
        table();
        return fixture.open(new KernelSampler(TEST_LIMITS, tcp, tcp6));
    }

    /** Replaces the tcp6 table at once with these "LOCAL REMOTE ST" rows. */
    private void table(String... rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < rows.length; i++) {
            text.append(String.format("%4d: %s 00000000:00000000 00:00000000 00000000  1000 0 0 1 0%n", i, rows[i]));
        }
        Path next = dir.resolve("tcp6.next");
        Files.writeString(next, text);
        Files.move(next, tcp6, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void bothEndsInTimeWaitAfterFinWait1WentThroughClosing() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 04", B + " " + A + " 04");
        Events a = new Events();
        Events b = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        assertTrue(sampler.follow(END_B, END_A, FIN_WAIT_1, b));
        awaitTrue(() -> sampler.reads() > 2, () -> "no reads");
        table(A + " " + B + " 06", B + " " + A + " 06");
        a.await("FIN_WAIT_1>CLOSING:inferred", "CLOSING>TIME_WAIT:kernel");
        b.await("FIN_WAIT_1>CLOSING:inferred", "CLOSING>TIME_WAIT:kernel");
    }

    @Test
    void finWait1ToTimeWaitWhileThePeerEndVanishedWentThroughFinWait2() throws Exception {
        // both ends closed "at once" per the JVM, but one FIN arrived first: that end was a passive closer
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 04", B + " " + A + " 09");
        Events a = new Events();
        Events b = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        assertTrue(sampler.follow(END_B, END_A, FIN_WAIT_1, b));
        b.await("FIN_WAIT_1>LAST_ACK:kernel");
        table(A + " " + B + " 06");
        a.await("FIN_WAIT_1>FIN_WAIT_2:inferred", "FIN_WAIT_2>TIME_WAIT:kernel");
        b.await("FIN_WAIT_1>LAST_ACK:kernel", "LAST_ACK>CLOSED:kernel", "ended CLOSED CLOSED");
    }

    @Test
    void aFollowOfATupleAlreadyFollowedEndsTheOldSocket() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 06");
        Events old = new Events();
        assertTrue(sampler.follow(END_A, END_B, TcpState.TIME_WAIT, old));
        awaitTrue(() -> sampler.reads() > 1, () -> "no reads");
        Events reused = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, reused));
        old.await("TIME_WAIT>CLOSED:inferred", "ended CLOSED CLOSED");
        assertEquals(1, sampler.followed());
    }

    @Test
    void aFailedReadIsNotAVanishedSocket() throws Exception {
        KernelSampler sampler = fileSampler();
        table(A + " " + B + " 05");
        Events a = new Events();
        assertTrue(sampler.follow(END_A, END_B, FIN_WAIT_1, a));
        a.await("FIN_WAIT_1>FIN_WAIT_2:kernel");
        // the tuples are IPv4, so the IPv4 table is read too: make that read fail
        Files.delete(tcp);
        Files.createDirectory(tcp);
        awaitTrue(() -> sampler.readFailures() > 0, () -> "no failed read");
        table(A + " " + B + " 06");
        Thread.sleep(20);
        assertEquals(List.of("FIN_WAIT_1>FIN_WAIT_2:kernel"), a.lines());
        Files.delete(tcp);
        Files.writeString(tcp, ProcNetTcpTest.TCP_HEADER + "\n");
        a.await("FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel");
    }
}
