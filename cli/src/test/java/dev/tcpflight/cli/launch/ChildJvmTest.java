package dev.tcpflight.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.EchoMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

    @Test
    void forwardsBothStreamsAndReturnsTheExitCode() throws Exception {
        String classPath = Path.of(EchoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();

        int exitCode = ChildJvm.run(List.of("-cp", classPath, EchoMain.class.getName(), "3"), out::add, err::add);

        assertEquals(3, exitCode);
        assertEquals(List.of("to stdout"), out);
        assertEquals(List.of("to stderr"), err);
    }
}
