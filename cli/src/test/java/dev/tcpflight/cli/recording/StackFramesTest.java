package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code location of each transition, on a kept recording of the http-client demo: the JDK's HttpClient against
 * the JDK's HttpServer, where the server's accept and the client's reads happen in JDK code only.
 */
class StackFramesTest {

    private static final Path RECORDING = Path.of("src", "test", "resources", "recordings", "agent-0.1.0",
            "http-client.jfr");

    @Test
    void theApplicationFrameOrElseTheFirstFrameAboveTheSocketLayer() {
        CliRun run = CliRun.of("timeline", "--color=never", RECORDING.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("+0.000 ms  CLOSED → SYN_SENT           connect   api       "
                + "HttpClientScenario.get:118"),
                "the application's call where there is one:\n" + run.out());
        assertTrue(lines.contains("+0.028 ms  SYN_RECEIVED → ESTABLISHED  accept    api       "
                + "ServerImpl$Dispatcher.run:483"), "the JDK's HttpServer accepting:\n" + run.out());
        assertTrue(lines.contains("+219.882 ms  ESTABLISHED → CLOSE_WAIT    read-eof  api       "
                + "SocketTube.readAvailable:1170"), "the JDK's HttpClient reading the EOF:\n" + run.out());
        assertTrue(lines.contains("+257.617 ms  LAST_ACK → CLOSED           kernel    kernel"),
                "no frame for what the agent's own thread saw in the kernel:\n" + run.out());
    }
}
