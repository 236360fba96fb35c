package dev.tcpflight.cli.testing;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.launch.DemoRunner;
import dev.tcpflight.cli.launch.Distribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Recordings of the real demo scenarios under the real agent (the jars in target/lib), each made once per test
 * JVM, on first use, and kept in target/demo-recordings for a look after a failure.
 */
public final class DemoRecordings {

    private static final Path DIRECTORY = Path.of("target", "demo-recordings").toAbsolutePath();
    private static final Map<String, Path> RECORDED = new HashMap<>();

    private DemoRecordings() {
    }

    public static synchronized Path of(String scenario) {
        return RECORDED.computeIfAbsent(scenario, DemoRecordings::record);
    }

    private static Path record(String scenario) {
        StringBuilder output = new StringBuilder();
        try (DemoRunner runner = DemoRunner.create(Distribution.current())) {
            Path recording = runner.record(scenario, line -> output.append(line).append('\n'),
                    line -> output.append(line).append('\n'))
                    .orElseThrow(() -> new IllegalStateException("demo " + scenario + " skipped:\n" + output));
            Files.createDirectories(DIRECTORY);
            return Files.copy(recording, DIRECTORY.resolve(scenario + ".jfr"), StandardCopyOption.REPLACE_EXISTING);
        } catch (TcpflightException e) {
            throw new IllegalStateException("demo " + scenario + " failed: " + e.getMessage() + "\n" + output, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
