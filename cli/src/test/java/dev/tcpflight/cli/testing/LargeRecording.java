package dev.tcpflight.cli.testing;

import dev.tcpflight.agent.fake.FakeSocket;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Writes a recording of {@value #CONNECTIONS} accepted connections, four transitions each: a million transitions
 * over about six seconds, as a very busy server would (160,000 transitions a second). Run in its own JVM with
 * {@link #JFR_OPTIONS}: a large JFR memory budget, else on a loaded machine JFR drops events when its writer falls
 * behind, in small buffers, which keeps chunks at their usual 12 MB. Exits 1 if the file lacks any event.
 */
public final class LargeRecording {

    public static final int CONNECTIONS = 250_000;
    public static final String JFR_OPTIONS =
            "-XX:FlightRecorderOptions:memorysize=512m,numglobalbuffers=256,maxchunksize=12m";
    private static final long NANOS_PER_CONNECTION = 25_000;

    private LargeRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Recordings.record(Path.of(args[0]), false, LargeRecording::busyServer);
        long events = 0;
        try (RecordingFile in = new RecordingFile(file)) {
            while (in.hasMoreEvents()) {
                RecordedEvent event = in.readEvent();
                events += event.getEventType().getName().startsWith("tcpflight.") ? 1 : 0;
            }
        }
        System.out.println(events + " tcpflight events");
        System.exit(events == CONNECTIONS * 5L ? 0 : 1);
    }

    /** Accepted connections from many clients: each read to EOF and closed; every 1000th reset instead. */
    private static void busyServer() {
        long start = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            if (i % 1000 == 0) {
                LockSupport.parkNanos(start + i * NANOS_PER_CONNECTION - System.nanoTime());
            }
            FakeSocket socket = new FakeSocket(i, "server", "SocketChannel", "10.0.0.1", 8080,
                    "10.1." + (i / 250 % 250) + "." + (i % 250), 1024 + i % 60_000).open();
            socket.transition("LISTEN", "SYN_RECEIVED", "accept", "inferred");
            socket.transition("SYN_RECEIVED", "ESTABLISHED", "accept", "api");
            socket.transition("ESTABLISHED", "CLOSE_WAIT", "read-eof", "api");
            if (i % 1000 == 0) {
                socket.transition("CLOSE_WAIT", "CLOSED", "reset", "api", "java.net.SocketException: Broken pipe");
                socket.end(10, 10, "CLOSED", "reset");
            } else {
                socket.transition("CLOSE_WAIT", "LAST_ACK", "close", "api");
                socket.end(10, 10, "LAST_ACK", "peer-close");
            }
        }
    }
}
