package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.launch.Distribution;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The agent's {@code tcpflight.jfc} as a file that a target JVM can read ({@code JFR.start settings=} takes a
 * path): the one next to the agent jar, else a copy extracted from the jar into a temporary directory, readable
 * by everyone (the target may run as another user), deleted on close. The target reads it during
 * {@code JFR.start} only.
 */
public final class SettingsFile implements AutoCloseable {

    static final String NAME = "tcpflight.jfc";

    private final Path file;
    private final Path temporaryDirectory;

    private SettingsFile(Path file, Path temporaryDirectory) {
        this.file = file;
        this.temporaryDirectory = temporaryDirectory;
    }

    public static SettingsFile of(Distribution distribution) throws TcpflightException {
        Path next = distribution.agentJar().toAbsolutePath().resolveSibling(NAME);
        if (Files.isRegularFile(next)) {
            return new SettingsFile(next, null);
        }
        Path directory;
        try {
            directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory("tcpflight-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")))
                    : Files.createTempDirectory("tcpflight-");
        } catch (IOException e) {
            throw new TcpflightException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        SettingsFile settings = new SettingsFile(null, directory);
        try {
            return new SettingsFile(distribution.extractSettings(directory), directory);
        } catch (TcpflightException e) {
            settings.close();
            throw e;
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        if (temporaryDirectory == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporaryDirectory.resolve(NAME));
            Files.deleteIfExists(temporaryDirectory);
        } catch (IOException e) {
            // A leftover file in the temporary directory is harmless.
        }
    }
}
