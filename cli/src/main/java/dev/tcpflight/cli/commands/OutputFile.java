package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file completely or not at all: into a temporary file in the target's directory (same file system),
 * moved over the target in one step once complete, deleted if anything fails.
 */
final class OutputFile {

    interface Content {
        void write(PrintWriter out) throws TcpflightException;
    }

    private OutputFile() {
    }

    static void write(Path target, Content content) throws TcpflightException {
        Path file = target.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new TcpflightException("cannot write " + target + ": it is a directory");
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the result.
        Path temporary = file.resolveSibling("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Files.createFile(temporary),
                    StandardCharsets.UTF_8))) {
                content.write(out);
                out.flush();
                if (out.checkError()) {
                    throw new TcpflightException("cannot write " + target + ": write error (is the disk full?)");
                }
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TcpflightException("cannot write " + target + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Nothing more to do: the error that matters is already on its way.
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
