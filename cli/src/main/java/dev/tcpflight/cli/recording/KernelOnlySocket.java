package dev.tcpflight.cli.recording;

import java.nio.file.Path;
import java.util.List;

/**
 * A TCP socket of the recorded process that no hook of the agent saw, as the kernel showed it at the agent's
 * periodic looks ({@code tcpflight.UnseenSocket}).
 *
 * @param states the states the looks found, each change once, in order (the last is the latest)
 * @param reason {@code unhooked} or {@code filtered} ({@link dev.tcpflight.schema.UnseenReason})
 */
public record KernelOnlySocket(Path file, long inode, int fd, String role, Endpoint local, Endpoint remote,
                               List<String> states, String reason) {
}
