package dev.tcpflight.cli.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the operating system says about a process before anything is sent to it: whether it exists, whose it is,
 * and on Linux whether it is a JVM and can take the attach handshake (the JDK starts a JVM's attach listener with
 * SIGQUIT, whose default action kills a process that does not handle it).
 */
final class ProcessFacts {

    private static final Path PROC = Path.of("/proc");
    private static final Pattern SIGNAL_MASK = Pattern.compile("(SigIgn|SigCgt):\\s*(\\p{XDigit}+)");
    private static final Pattern RELEASE_MODULES = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"");
    private static final long SIGQUIT_BIT = 1L << (3 - 1);

    private ProcessFacts() {
    }

    static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && Files.isDirectory(PROC.resolve("self"));
    }

    static boolean exists(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A short name for messages: the executable's file name, else "". */
    static String name(long pid) {
        Optional<String> command = ProcessHandle.of(pid).flatMap(p -> p.info().command());
        if (command.isPresent()) {
            return Path.of(command.get()).getFileName().toString();
        }
        return linux() ? read(PROC.resolve(pid + "/comm")).map(String::strip).orElse("") : "";
    }

    /** The user the process runs as, if the operating system says. */
    static Optional<String> user(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().user());
    }

    /**
     * Whether this process may not attach to {@code pid} because another user owns it: HotSpot only accepts
     * attach requests from its own effective user, or root. Empty when unknown.
     */
    static Optional<Boolean> ownedByAnotherUser(long pid) {
        if (!linux()) {
            return Optional.empty();
        }
        try {
            int mine = (Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid");
            int theirs = (Integer) Files.getAttribute(PROC.resolve(Long.toString(pid)), "unix:uid");
            return Optional.of(mine != 0 && mine != theirs);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Linux: whether the process has libjvm mapped (empty when its memory map cannot be read). */
    static Optional<Boolean> mapsLibjvm(long pid) {
        try (Stream<String> lines = Files.lines(PROC.resolve(pid + "/maps"), StandardCharsets.ISO_8859_1)) {
            return Optional.of(lines.anyMatch(line -> line.endsWith("/libjvm.so")));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Linux: the process's command line arguments (empty when unreadable). */
    static List<String> commandLine(long pid) {
        String text = read(PROC.resolve(pid + "/cmdline")).orElse("");
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
    }

    /**
     * Linux: whether the process handles SIGQUIT (caught, not ignored), which the attach handshake needs. A JVM
     * does, unless it was started with {@code -Xrs} or has not yet installed its signal handlers. Empty when
     * unknown.
     */
    static Optional<Boolean> handlesSigquit(long pid) {
        Optional<String> status = read(PROC.resolve(pid + "/status"));
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Boolean caught = null;
        boolean ignored = false;
        Matcher matcher = SIGNAL_MASK.matcher(status.get());
        while (matcher.find()) {
            String mask = matcher.group(2);
            // The low 64 bits hold the standard signals.
            long bits = Long.parseUnsignedLong(mask.substring(Math.max(0, mask.length() - 16)), 16);
            boolean quit = (bits & SIGQUIT_BIT) != 0;
            if (matcher.group(1).equals("SigCgt")) {
                caught = quit;
            } else {
                ignored = quit;
            }
        }
        return caught == null ? Optional.empty() : Optional.of(caught && !ignored);
    }

    /**
     * Linux: the HotSpot attach listener's socket, {@code .java_pidN} in the target's /tmp (N: its pid in its own
     * namespace), which exists once the listener runs. Reached through /proc/PID/root when possible, so that a
     * JVM in a container is found too; this is where the JDK's own attach client looks.
     */
    static Path attachSocket(long pid) {
        Path procTmp = PROC.resolve(pid + "/root/tmp");
        Path tmp = Files.isWritable(procTmp) ? procTmp : Path.of("/tmp");
        return tmp.resolve(".java_pid" + namespacePid(pid));
    }

    /** Linux: a path as the target process sees it, reached from here through /proc/PID/root where possible. */
    static Path inTargetRoot(long pid, String path) {
        Path plain = Path.of(path);
        if (!linux()) {
            return plain;
        }
        Path viaProc = PROC.resolve(pid + "/root").resolve(path.startsWith("/") ? path.substring(1) : path);
        try {
            if (Files.exists(plain) && Files.isSameFile(plain, viaProc)) {
                return plain; // the same file system view: the path as the user knows it
            }
        } catch (IOException e) {
            // /proc/PID/root not reachable: take whichever exists
        }
        return Files.isReadable(viaProc) ? viaProc : plain;
    }

    /**
     * The modules of the Java runtime at {@code javaHome} (as the target sees the path), from the MODULES line of
     * its {@code release} file, which JDKs and jlink images have; empty when unknown.
     */
    static Optional<Set<String>> runtimeModules(long pid, String javaHome) {
        if (javaHome == null || javaHome.isBlank()) {
            return Optional.empty();
        }
        Optional<String> release = read(inTargetRoot(pid, Path.of(javaHome, "release").toString()));
        if (release.isEmpty()) {
            return Optional.empty();
        }
        Matcher modules = RELEASE_MODULES.matcher(release.get());
        if (!modules.find()) {
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(Arrays.asList(modules.group(1).strip().split("\\s+"))));
    }

    private static long namespacePid(long pid) {
        Optional<String> status = read(PROC.resolve(pid + "/status"));
        if (status.isPresent()) {
            for (String line : status.get().split("\n")) {
                if (line.startsWith("NSpid:")) {
                    String[] pids = line.substring("NSpid:".length()).strip().split("\\s+");
                    try {
                        return Long.parseLong(pids[pids.length - 1]);
                    } catch (NumberFormatException e) {
                        return pid;
                    }
                }
            }
        }
        return pid;
    }

    /**
     * The whole file. Not Files.readString: it takes /proc's size 0 at its word and reads one byte first, and a
     * /proc/sys file answers a read at a later offset with end of file.
     */
    private static Optional<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
