package dev.tcpflight.agent.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The transports the agent met but does not trace (Netty's io_uring and kqueue sockets reach the hooked Netty
 * methods, {@link NativeTransports} turns them away): said once each on stderr, and kept for the
 * {@code tcpflight.UntracedTransport} events, so a recording with their connections seen only by the kernel
 * says why. Met at listen, connect and accept only, never on the read and write path; at most a few entries.
 */
public final class UntracedTransports {

    /** One transport: what it is, and the class it was met by. */
    public record Met(String transport, String className) {
    }

    private static final CopyOnWriteArrayList<Met> MET = new CopyOnWriteArrayList<>();

    private UntracedTransports() {
    }

    /** Every transport met so far, in the order met. */
    public static List<Met> all() {
        return List.copyOf(MET);
    }

    static void met(Object socket) {
        String name = socket.getClass().getName();
        for (Met known : MET) {
            if (known.className().equals(name)) {
                return;
            }
        }
        Met met = new Met(describe(name), name);
        if (MET.addIfAbsent(met)) {
            System.err.println("[tcpflight] " + met.transport() + " is not traced (" + name + "): its TCP sockets are"
                    + " recorded only as the kernel lists them (tcpflight.UnseenSocket, Linux)");
        }
    }

    /** Netty's transports by package; another class is named as it is. */
    static String describe(String className) {
        if (className.contains(".channel.uring.")) {
            return "Netty io_uring";
        }
        if (className.contains(".channel.kqueue.")) {
            return "Netty kqueue";
        }
        return "Netty native transport";
    }
}
