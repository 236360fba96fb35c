package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.fake.FakeSocket;
import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.ChunkDecoding.Batch;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkPipelineTest {

    @TempDir
    Path dir;

    private Path temporary;

    @Test
    void eachChunkIsSlicedIntoARecordingOfItsOwnAndTheSlicesAreDeleted() throws Exception {
        RecordingSpan recording = threeChunks();
        List<Long> fromSlices = new ArrayList<>();

        try (ChunkSlices slices = new ChunkSlices(recording, temporary())) {
            for (Chunk chunk : recording.chunks()) {
                Path slice = slices.slice(chunk);
                assertTrue(slice.startsWith(temporary), slice.toString());
                fromSlices.addAll(connectionIds(slice));
                slices.release(slice);
                assertFalse(Files.exists(slice));
            }
        }

        assertEquals(connectionIds(recording.file()), fromSlices);
        assertEquals(List.of(), leftInTemporary());
    }

    @Test
    void aFileOfOneChunkIsReadAsItIs() throws Exception {
        RecordingSpan recording = RecordingHeaders.read(Recordings.record(dir.resolve("one.jfr"),
                FakeApp::handshakeAndClose));

        try (ChunkSlices slices = new ChunkSlices(recording, temporary())) {
            assertEquals(recording.file(), slices.slice(recording.chunks().get(0)));
        }
        assertTrue(Files.exists(recording.file()));
    }

    @Test
    void handsOnTheEventsOfEveryChunkInFileOrder() throws Exception {
        RecordingSpan recording = threeChunks();
        List<Long> read = new ArrayList<>();
        int chunkEnds = 0;

        try (ChunkPipeline pipeline = ChunkPipeline.start(recording, temporary())) {
            for (Batch batch = pipeline.next(); batch != null; batch = pipeline.next()) {
                batch.events().forEach(e -> read.add(e.key().connectionId()));
                chunkEnds += batch.last() ? 1 : 0;
            }
        }

        assertEquals(connectionIds(recording.file()), read);
        assertEquals(recording.chunks().size(), chunkEnds);
        assertEquals(List.of(), leftInTemporary());
    }

    @Test
    void aDamagedChunkIsReportedAndNoSliceIsLeft() throws Exception {
        RecordingSpan recording = threeChunks();
        Chunk second = recording.chunks().get(1);
        try (FileChannel file = FileChannel.open(recording.file(), StandardOpenOption.WRITE)) {
            // The header's metadata offset (bytes 24-31) pointing past the chunk: its parser cannot start.
            file.write(ByteBuffer.allocate(Long.BYTES).putLong(0, second.size() * 2), second.offset() + 24);
        }

        TcpflightException failure = assertThrows(TcpflightException.class, () -> {
            try (ChunkPipeline pipeline = ChunkPipeline.start(recording, temporary())) {
                while (pipeline.next() != null) {
                    // reads on until the damaged chunk
                }
            }
        });

        assertTrue(failure.getMessage().startsWith(recording.file() + " is truncated or corrupt ("),
                failure.getMessage());
        assertEquals(List.of(), leftInTemporary());
    }

    /** Three chunks; connection 2's events are in the first and the last. */
    private RecordingSpan threeChunks() throws TcpflightException, IOException {
        FakeSocket first = new FakeSocket(1, "client", "java.net.Socket", "127.0.0.1", 40001, "127.0.0.1", 80);
        FakeSocket second = new FakeSocket(2, "client", "java.net.Socket", "127.0.0.1", 40002, "127.0.0.1", 80);
        Path file = Recordings.recordInChunks(dir.resolve("chunks.jfr"), () -> {
            first.transition("CLOSED", "SYN_SENT", "connect", "api");
            second.transition("CLOSED", "SYN_SENT", "connect", "api");
        }, () -> first.end(0, 0, "SYN_SENT", "local-close"),
                () -> second.transition("SYN_SENT", "ESTABLISHED", "connect", "api"));
        RecordingSpan recording = RecordingHeaders.read(file);
        assertTrue(recording.chunks().size() >= 3, recording.toString());
        return recording;
    }

    private Path temporary() throws IOException {
        temporary = Files.createDirectories(dir.resolve("tmp"));
        return temporary;
    }

    private List<Path> leftInTemporary() throws IOException {
        try (Stream<Path> left = Files.list(temporary)) {
            return left.toList();
        }
    }

    /** The connection ids of a file's tcpflight events, in the order the JDK's parser reads them. */
    private static List<Long> connectionIds(Path file) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (RecordingFile in = new RecordingFile(file)) {
            while (in.hasMoreEvents()) {
                RecordedEvent event = in.readEvent();
                if (event.getEventType().getName().startsWith("tcpflight.")) {
                    ids.add(event.getLong("connectionId"));
                }
            }
        }
        return ids;
    }
}
