package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.recording.chunk.JfrFrame;
import java.util.List;

/**
 * A transition's stack trace as the CLI shows it: its application frame ({@link StackFrames#topApplicationFrame})
 * and its frames, top first, as {@code package.Class.method:line}, from the first that is not the agent's own (the
 * event's commit sits on top of every trace), without hidden frames and lambda proxies (glue, whose generated names
 * change from run to run). One object per stack trace of a chunk, shared by every transition that
 * has it.
 */
public record StackTrace(String top, List<String> frames) {

    public static final StackTrace NONE = new StackTrace("", List.of());
    private static final String AGENT_PACKAGE = "dev.tcpflight.agent.";
    /** In the names of the classes the JDK spins for lambdas ({@code Foo$$Lambda$513/0x...}), not flagged hidden. */
    private static final String LAMBDA_PROXY = "$$Lambda";

    public StackTrace {
        frames = List.copyOf(frames);
    }

    static StackTrace of(List<JfrFrame> frames) {
        int first = 0;
        while (first < frames.size() - 1 && frames.get(first).type().startsWith(AGENT_PACKAGE)) {
            first++;
        }
        return new StackTrace(StackFrames.topApplicationFrame(frames), frames.subList(first, frames.size()).stream()
                .filter(f -> !f.hidden() && !f.type().contains(LAMBDA_PROXY))
                .map(f -> f.type() + "." + f.method() + (f.line() > 0 ? ":" + f.line() : "")).toList());
    }
}
