package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.recording.KernelOnlySockets;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.recording.RecordingSpan;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words for recordings that hold the agent's events but no traced connection: "agent loaded, nothing seen"
 * (its periodic socket counts only) apart from "sockets seen only by the kernel" ({@code tcpflight.UnseenSocket}).
 * "No agent" (no tcpflight event at all) is {@link RecordingReader}'s error.
 */
final class NothingTraced {

    private NothingTraced() {
    }

    static String why(RecordingReader reader) {
        KernelOnlySockets besides = reader.besides();
        String files = reader.recordings().stream().map(RecordingSpan::file).map(Object::toString)
                .collect(Collectors.joining(", "));
        int kernelOnly = besides.sockets().size();
        if (kernelOnly == 0) {
            return "no connection traced in " + files + ": the agent was loaded but saw no TCP connection"
                    + untraced(besides);
        }
        return "no connection traced in " + files + ", but " + sockets(kernelOnly) + " of the process seen only"
                + " by the kernel: no hook saw them (tcpflight summary lists them)" + untraced(besides);
    }

    static Optional<String> alsoKernelOnly(RecordingReader reader) {
        int kernelOnly = reader.besides().sockets().size();
        return kernelOnly == 0 || reader.connections() == 0 ? Optional.empty()
                : Optional.of("also " + sockets(kernelOnly) + " seen only by the kernel, not shown: no hook saw them"
                        + " (tcpflight summary lists them)" + untraced(reader.besides()));
    }

    private static String sockets(int count) {
        return count == 1 ? "1 TCP socket" : count + " TCP sockets";
    }

    private static String untraced(KernelOnlySockets besides) {
        return besides.untracedTransports().isEmpty() ? ""
                : "; the agent could not trace " + String.join(", ", besides.untracedTransports());
    }
}
