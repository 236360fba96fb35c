package dev.tcpflight.cli.launch;

import dev.tcpflight.cli.TcpflightException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/** Runs a JVM of the same Java installation as the CLI and hands its output over line by line. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java} of this JVM's installation, so that the child sees the same JDK version as the CLI. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Runs {@code java ARGS...} to completion; each line of its stdout and stderr goes to the given consumers
     * (stderr's from another thread, so that neither pipe can fill up and stall the child).
     *
     * @return the child's exit code
     */
    public static int run(List<String> javaArguments, Consumer<String> stdout, Consumer<String> stderr)
            throws TcpflightException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(javaArguments);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new TcpflightException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            FutureTask<Void> stderrPump = new FutureTask<>(() -> {
                pump(process.getErrorStream(), stderr);
                return null;
            });
            new Thread(stderrPump, "child-jvm-stderr").start();
            pump(process.getInputStream(), stdout);
            stderrPump.get();
            return process.waitFor();
        } catch (IOException | ExecutionException e) {
            throw new TcpflightException("lost the output of " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TcpflightException("interrupted while waiting for " + String.join(" ", command), e);
        } finally {
            process.destroy();
        }
    }

    private static void pump(InputStream stream, Consumer<String> lines) throws IOException {
        // The child writes in the platform's encoding, which is the same for both JVMs.
        Charset charset = Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name()));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, charset))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
        }
    }
}
