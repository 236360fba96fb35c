package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.recording.MainClass;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmNamesTest {

    private static final String THIS_MAIN = MainClass.name(System.getProperty("sun.java.command")).orElseThrow();

    @TempDir
    Path dir;

    @Test
    void aLabelThenAMainClassRunByOneRecordingThenTheFileName() throws Exception {
        Path informed = Recordings.withJvmInformation(dir.resolve("a.jfr"), FakeApp::handshakeAndClose);
        Path plain = Recordings.record(dir.resolve("b.jfr"), FakeApp::handshakeAndClose);
        Path labelled = Recordings.withJvmInformation(dir.resolve("c.jfr"), FakeApp::handshakeAndClose);

        JvmNames names = new JvmNames(List.of(informed, plain), Map.of());
        JvmNames withLabel = new JvmNames(List.of(informed, labelled),
                Map.of(JvmNames.key(labelled), "db"));

        assertEquals(THIS_MAIN, names.apply(informed));
        assertEquals("b.jfr", names.apply(plain));
        assertEquals("db", withLabel.apply(labelled));
        assertEquals("a.jfr", withLabel.apply(informed), "the main class of two recordings names neither");
    }
}
