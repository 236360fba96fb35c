package dev.tcpflight.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs kept as files in src/test/resources/golden. To accept a deliberate change, run the tests with
 * {@code -Dgolden.update=true}, then review the diff of the golden files.
 */
public final class Golden {

    private static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIRECTORY.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertEquals(Files.readString(file), actual,
                    "output differs from " + file + " (if intended: rerun with -Dgolden.update=true)");
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + file + " (create it with -Dgolden.update=true)", e);
        }
    }
}
