package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpflight.agent.fake.FakeSocket;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.testing.DemoRecordings;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tcpflight's own chunk reader reads what the JDK's parser reads: every event of every recording the tests make, in
 * the same order, with the same type, times, numeric and string fields, thread and code location; the files it
 * leaves to the JDK's parser are left.
 */
class ChunkEventsTest {

    private static final Path KEPT = Path.of("src", "test", "resources", "recordings", "agent-0.1.0");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final int SMALL_WINDOW = 4096;

    @TempDir
    Path dir;

    static Stream<Path> keptRecordings() throws IOException {
        return Files.list(KEPT).filter(f -> f.toString().endsWith(".jfr")).sorted();
    }

    @ParameterizedTest
    @MethodSource("keptRecordings")
    void recordingsOfAnEarlierAgent(Path file) throws IOException {
        assertSameEvents(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"handshake-and-close", "close-wait-leak", "reset", "http-client", "nio-selector",
            "async-channel", "time-wait-pileup"})
    void demoRecordingsUnderTheAgentOnThisJdk(String scenario) throws IOException {
        assertSameEvents(DemoRecordings.of(scenario));
    }

    @Test
    void aRecordingMadeOnJdk25UnderTheAgent() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25);
        Path recording = dir.resolve("virtual-threads.jfr");
        Distribution distribution = Distribution.current();
        Process demo = new ProcessBuilder(JDK_25.toString(), "-javaagent:" + distribution.agentJar() + "=kernel=on",
                "-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings="
                        + distribution.extractSettings(dir),
                "-cp", distribution.demoJar().toString(), "dev.tcpflight.demo.DemoMain", "virtual-threads")
                .redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();
        assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "the demo did not finish");
        assertEquals(0, demo.exitValue(), Files.readString(dir.resolve("demo.log")));
        assertSameEvents(recording);
    }

    @Test
    void severalChunksWithTheJdksOwnEventsMixedIn() throws Exception {
        Path file = dir.resolve("chunks.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.enable(StateChangeEvent.class).with("stackTrace", "true");
            recording.enable(ConnectionEvent.class);
            recording.enable("jdk.ThreadSleep").withThreshold(java.time.Duration.ZERO);
            recording.start();
            for (int part = 0; part < 3; part++) {
                try (Recording rotation = new Recording()) {
                    rotation.start(); // a recording that starts begins a new chunk
                }
                for (int i = 0; i < 200; i++) {
                    FakeSocket socket = new FakeSocket(part * 1000 + i, "client", "java.net.Socket", "127.0.0.1",
                            40000 + i, "::1", 8080).open();
                    socket.beginCall("CLOSED", "SYN_SENT", "ESTABLISHED", "connect", "inferred", "api").run();
                    socket.transition("ESTABLISHED", "ESTABLISHED", "write", "api", "détail ünicode " + i);
                    socket.transition("ESTABLISHED", "FIN_WAIT_1", "close", "api");
                    socket.end(i, 2 * i, "FIN_WAIT_1", "local-close");
                }
                Thread.sleep(5);
            }
            recording.stop();
            recording.dump(file);
        }
        assertTrue(chunkCount(file) >= 3, chunkCount(file) + " chunks");
        assertSameEvents(file);
        // A window smaller than the chunks (and than their metadata): the reader moves it from event to event.
        assertSameEvents(file, SMALL_WINDOW);
        assertSameEvents(DemoRecordings.of("http-client"), SMALL_WINDOW);
    }

    @Test
    void aLastChunkCutShortIsLeftToTheJdksParser() throws IOException {
        Path whole = DemoRecordings.of("handshake-and-close");
        Path cut = dir.resolve("cut.jfr");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertNull(ChunkEvents.open(cut));
    }

    private static int chunkCount(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int chunks = 0;
            for (long at = 0; at < channel.size(); chunks++) {
                java.nio.ByteBuffer size = java.nio.ByteBuffer.allocate(Long.BYTES);
                channel.read(size, at + 8);
                at += size.getLong(0);
            }
            return chunks;
        }
    }

    private static void assertSameEvents(Path file) throws IOException {
        assertSameEvents(file, 0);
    }

    /** Both readers, event by event; the chunk reader with a window of {@code window} bytes (0: its own). */
    private static void assertSameEvents(Path file, int window) throws IOException {
        try (JdkEvents jdk = new JdkEvents(file);
             ChunkEvents chunks = window == 0 ? ChunkEvents.open(file) : ChunkEvents.open(file, window)) {
            assertNotNull(chunks, "the chunk reader leaves " + file + " to the JDK's parser");
            int count = 0;
            int tcpflight = 0;
            for (EventView expected = jdk.next(); expected != null; expected = jdk.next(), count++) {
                EventView actual = chunks.next();
                String where = file.getFileName() + ", event " + count + " (" + expected.typeName() + ")";
                assertNotNull(actual, where + ": the chunk reader ended early");
                assertEquals(expected.typeName(), actual.typeName(), where);
                assertEquals(expected.startTime(), actual.startTime(), where);
                assertEquals(expected.endTime(), actual.endTime(), where);
                List<EventFields.Field> fields = expected.fields();
                assertEquals(fields, actual.fields(), where);
                for (EventFields.Field field : fields) {
                    String what = where + " field " + field.name();
                    switch (field.typeName()) {
                        case "long" -> assertEquals(expected.longValue(field.name()), actual.longValue(field.name()),
                                what);
                        case "int" -> assertEquals(expected.intValue(field.name()), actual.intValue(field.name()),
                                what);
                        case "java.lang.String" -> assertEquals(expected.string(field.name()),
                                actual.string(field.name()), what);
                        default -> { }
                    }
                }
                if (expected.typeName().startsWith("tcpflight.")) {
                    tcpflight++;
                    assertEquals(expected.threadName(), actual.threadName(), where);
                    assertEquals(expected.stack(), actual.stack(), where);
                }
            }
            assertNull(chunks.next(), file + ": the chunk reader read more events than the JDK's parser");
            assertTrue(tcpflight > 0, file + " holds no tcpflight events");
        }
    }
}
