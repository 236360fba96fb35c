package dev.tcpflight.cli.jvm;

import static dev.tcpflight.cli.jvm.DiagnosticCommands.quote;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JFR recording in a running JVM, driven by the same diagnostic commands as {@code jcmd PID JFR.start} and
 * {@code JFR.stop}. Those commands report failure in their output only (jcmd's exit code stays 0), so each answer
 * is checked.
 *
 * <p>A recording kept in a file is started with that file as its destination and {@code dumponexit=true}: the JVM
 * writes it when the recording is stopped (JFR.stop does what JFR.dump then JFR.stop would, in one command), and
 * also if the JVM exits first, so that a JVM that ends during the recording still leaves its last seconds. The
 * destination is a temporary name next to the file, moved into place once complete: the file is whole or absent.
 */
public final class RemoteRecording implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started recording (\\d+)");

    private final AttachedJvm jvm;
    private final String id;
    private final Path partial;
    private boolean stopped;

    private RemoteRecording(AttachedJvm jvm, String id, Path partial) {
        this.jvm = jvm;
        this.id = id;
        this.partial = partial;
    }

    /**
     * Starts a recording with the given settings file (a path the target JVM can read).
     *
     * @param options more {@code JFR.start} options ({@code maxage=10m}), or ""
     * @param file    where the recording is to end up (see {@link #stopInto}), or null to discard it at the end
     */
    public static RemoteRecording start(AttachedJvm jvm, String name, Path settings, String options, Path file)
            throws TcpflightException {
        Path partial = file == null ? null : file.toAbsolutePath().resolveSibling("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        StringBuilder command = new StringBuilder("JFR.start name=").append(quote(name))
                .append(" settings=").append(quote(settings.toAbsolutePath().toString()));
        if (!options.isEmpty()) {
            command.append(' ').append(options);
        }
        if (partial != null) {
            command.append(" dumponexit=true filename=").append(quote(partial.toString()));
        }
        String output;
        try {
            output = jvm.commands().execute(command.toString());
        } catch (TcpflightException e) {
            deleteQuietly(partial);
            throw e;
        }
        Matcher started = STARTED.matcher(output);
        if (!started.find()) {
            deleteQuietly(partial);
            throw new TcpflightException("JVM " + jvm.pid() + " did not start a recording: " + oneLine(output)
                    + (partial == null ? "" : " (the JVM writes the recording into " + partial.getParent()
                    + " itself, as its user)"));
        }
        return new RemoteRecording(jvm, started.group(1), partial);
    }

    /** The recording's number in the target ({@code jcmd PID JFR.check}). */
    public String id() {
        return id;
    }

    /** Stops the recording; the JVM writes it, and it is moved to {@code target} once complete. */
    public void stopInto(Path target) throws TcpflightException {
        stop();
        moveInto(target);
    }

    /**
     * After the JVM exited during the recording: moves what it wrote at exit ({@code dumponexit}) to
     * {@code target}.
     */
    public void savedAtExitInto(Path target) throws TcpflightException {
        stopped = true;
        if (partial == null || !Files.isRegularFile(partial) || size(partial) == 0) {
            throw new TcpflightException("JVM " + jvm.pid() + " exited during the recording without writing it"
                    + " (killed, or crashed?)");
        }
        moveInto(target);
    }

    /** Stops the recording; without a file, what it recorded is discarded. Again is a no-op. */
    public void stop() throws TcpflightException {
        if (stopped) {
            return;
        }
        stopped = true;
        String output = jvm.commands().execute("JFR.stop name=" + id);
        if (!output.contains("Stopped recording")) {
            throw new TcpflightException("JVM " + jvm.pid() + " did not stop recording " + id + ": "
                    + oneLine(output));
        }
    }

    private void moveInto(Path target) throws TcpflightException {
        if (partial == null || !Files.isRegularFile(partial) || size(partial) == 0) {
            throw new TcpflightException("JVM " + jvm.pid() + " did not write the recording to " + partial);
        }
        try {
            Files.move(partial, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TcpflightException("cannot move the recording to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Leaves the target as it was, for finally blocks: stops the recording unless it was (quietly: this runs
     * after another error, or the JVM is gone) and deletes the temporary file unless it was moved.
     */
    @Override
    public void close() {
        try {
            if (!stopped && ProcessFacts.exists(jvm.pid())) {
                stop();
            }
        } catch (TcpflightException e) {
            // The error that matters is already on its way.
        } finally {
            stopped = true;
            deleteQuietly(partial);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray temporary file, named as such; nothing more to do.
        }
    }

    private static String oneLine(String output) {
        String text = output.strip().replaceAll("\\s*\\n\\s*", " ");
        return text.isEmpty() ? "no answer" : text;
    }
}
