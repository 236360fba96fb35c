package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassTest {

    @TempDir
    Path dir;

    @Test
    void theSimpleNameOfTheMainClassOrTheJar() {
        assertEquals(Optional.of("ProxyMain"), MainClass.name("com.example.ProxyMain --port 8080"));
        assertEquals(Optional.of("Main"), MainClass.name("Main"));
        assertEquals(Optional.of("app.jar"), MainClass.name("/opt/app/app.jar serve"));
        assertEquals(Optional.empty(), MainClass.name(" "));
        assertEquals(Optional.empty(), MainClass.name(null));
    }

    @Test
    void readFromTheJvmInformationOfTheRecording() throws Exception {
        Path file = Recordings.withJvmInformation(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        assertEquals(MainClass.name(System.getProperty("sun.java.command")), MainClass.of(file));
    }

    @Test
    void noneWithoutJvmInformationOrInADamagedFile() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        assertEquals(Optional.empty(), MainClass.of(file));
        assertEquals(Optional.empty(), MainClass.of(Files.writeString(dir.resolve("notes.jfr"), "text")));
    }
}
