package dev.tcpflight.bench.workload;

import com.sun.tools.attach.VirtualMachine;

/**
 * Child JVM: loads the agent into a running JVM with the plain Attach API, as an attach tool would, and prints
 * how long attach plus load took. {@code loadAgent} returns once the agent's {@code agentmain} has returned,
 * that is once the socket classes are retransformed: instrumentation is active from then on.
 */
public final class Attacher {

    private Attacher() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        long start = System.nanoTime();
        VirtualMachine target = VirtualMachine.attach(args.text("pid"));
        try {
            target.loadAgent(args.text("agent"));
        } finally {
            target.detach();
        }
        new Result().put("load_ms", (System.nanoTime() - start) / 1e6).print();
    }
}
