package dev.tcpflight.agent.it;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of a real library in a child JVM under the real agent jar, with the kernel sampler on (the states after
 * our FIN) and the periodic peer-close look (always on, Linux), recorded with tcpflight.jfc while tcpdump
 * captures the loopback wire. The child's main is a program of this module; the library's jars come from the
 * test class path.
 */
final class LibraryRun {

    /** What one run left: the child's output, the recording and the capture (stopped, still readable). */
    record Outcome(ChildJvm.Result result, RecordedConnections recorded, SequenceAudit audit, WireAudit wire) {
    }

    /** A client's connect as the JVM records it, the same for every library. */
    static final List<String> CONNECT = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect");

    private LibraryRun() {
    }

    static Outcome run(Path dir, Class<?> program, String... libraryPaths) throws Exception {
        return run(dir, program, List.of(), libraryPaths);
    }

    /** The same, with {@code arguments} for the program's main (where to find a server the test started, say). */
    static Outcome run(Path dir, Class<?> program, List<String> arguments, String... libraryPaths)
            throws Exception {
        Assumptions.assumeTrue(WireCapture.available(), "tcpdump cannot capture on lo here (not installed, or not"
                + " root); .ci/run installs it and CI runs as root");
        Path recording = dir.resolve(program.getSimpleName() + ".jfr");
        ChildJvm child = new ChildJvm().agentOptions("kernel=on").recordTo(recording).withClassPath(location(program));
        for (String part : libraryPaths) {
            child.withLibraries(part);
        }
        ChildJvm.Result result;
        WireCapture wire;
        try (WireCapture capture = WireCapture.start(dir.resolve(program.getSimpleName() + ".pcap"))) {
            wire = capture;
            result = child.run(program, arguments.toArray(String[]::new)).assertSucceeded();
            Thread.sleep(500); // the last segments reach the capture file
        }
        RecordedConnections recorded = RecordedConnections.read(recording);
        return new Outcome(result, recorded, SequenceAudit.of(recording), new WireAudit(recorded, wire));
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
