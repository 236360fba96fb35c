package dev.tcpflight.agent.bridge;

/**
 * Carries a native transport's accepted connection from the accept call to the object made for it. Netty's epoll
 * {@code accept} returns only a descriptor number; the socket object that will key the connection is made right
 * after, on the same thread ({@code new LinuxSocket(fd)} in {@code newChildChannel}). So the number waits here,
 * per thread, until the next socket object made on that thread: the accepted one if its number matches, and
 * either way the number is dropped, so a stale one (the child failed before its socket was made) can never name
 * a later socket. One {@code int[]} per thread, nothing allocated per accept.
 */
public final class AcceptHandOff {

    private static final int NONE = -1;
    private static final ThreadLocal<int[]> PENDING = ThreadLocal.withInitial(() -> new int[] {NONE});

    private AcceptHandOff() {
    }

    /** A listener's accept returned descriptor {@code fd} (negative: nothing was waiting). */
    public static void accepted(int fd) {
        if (fd >= 0) {
            PENDING.get()[0] = fd;
        }
    }

    /** A socket object was made for descriptor {@code fd}: if it is the one just accepted, it is tracked. */
    public static void socketMade(Object socket, int fd) {
        int[] pending = PENDING.get();
        if (pending[0] == NONE) {
            return;
        }
        boolean accepted = pending[0] == fd;
        pending[0] = NONE;
        if (accepted) {
            TcpBridge.nativeAccepted(socket);
        }
    }
}
