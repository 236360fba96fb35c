package dev.tcpflight.agent.tracking;

import dev.tcpflight.agent.bridge.Tracking;
import dev.tcpflight.schema.EndCause;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Turns what the instrumentation observes into per-socket state and transitions. Sockets are keyed by an object
 * that lives exactly as long as the socket and has identity equality (the socket's {@code FileDescriptor}), in a
 * lock-free {@link SocketRegistry}, so a lookup on the read/write path allocates nothing and nothing blocks.
 * Tracking runs whether or not a recording does, so a recording
 * started later still sees every connection's true state.
 */
public final class ConnectionTracker implements Tracking {

    /** States in which a closed socket still exists in the kernel. */
    private static final Set<TcpState> KERNEL_SIDE = EnumSet.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2,
            TcpState.CLOSING, TcpState.TIME_WAIT, TcpState.LAST_ACK);
    /** A connect's first step, recorded when the call returns (with the local port), begun when it started. */
    private static final Transition CONNECT_STARTED =
            TcpStateMachine.next(TcpState.CLOSED, Observation.CONNECT_START).get(0);
    /** A connect's second step, recorded with the first when one call made both. */
    private static final Transition CONNECTED = TcpStateMachine.next(TcpState.SYN_SENT, Observation.CONNECT_OK).get(0);
    /** Found before a close or shutdown, or by the periodic look: fixed texts, nothing built per close. */
    /** What a close will send, as {@link #closing} found it: FIN (no detail), or RST and why. */
    private static final String ORDERLY_CLOSE = "";
    private static final String LINGER_ZERO = "SO_LINGER 0";
    private static final String UNREAD_DATA = "unread data in the receive queue";
    private static final String[] BEFORE_CLOSE = {"FIN found unread before close", "RST found waiting before close"};
    private static final String[] BY_LOOK = {"FIN found unread by the periodic look",
            "RST found waiting by the periodic look"};

    private final SocketRegistry sockets = new SocketRegistry();
    private final ReferenceQueue<Object> dropped = new ReferenceQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final ConnectionCounts counts = new ConnectionCounts();
    private final TransitionRecorder recorder;
    private final SocketProbe probe;
    private final PortFilter filter;
    private final KernelWatch kernelWatch;
    private volatile PreexistingSockets preexisting = PreexistingSockets.NONE;
    /** Once someone can read the MBean's CLOSE_WAIT list: a stack walk per EOF read into CLOSE_WAIT, for its code. */
    private volatile boolean locateCloseWaits;

    public ConnectionTracker(TransitionRecorder recorder, SocketProbe probe, PortFilter filter,
                             KernelWatch kernelWatch) {
        this.recorder = recorder;
        this.probe = probe;
        this.filter = filter;
        this.kernelWatch = kernelWatch;
    }

    /** Number of sockets currently tracked. */
    public int size() {
        return sockets.size();
    }

    /** How many tracked sockets are in each state, indexed by {@link TcpState#ordinal()}. */
    public int[] countByState() {
        return sockets.countByState();
    }

    /** Visits the sockets tracked now; a snapshot taken bucket by bucket, without locks. */
    public void forEachSocket(Consumer<TrackedSocket> visitor) {
        sockets.forEach(visitor);
    }

    /**
     * From now on, each EOF read that leaves a connection in CLOSE_WAIT records the code that read it (one stack
     * walk, about 4 µs here): for the MBean, once registered, which lists the oldest CLOSE_WAITs.
     */
    public void locateCloseWaits() {
        locateCloseWaits = true;
    }

    /** Connections opened and ended so far. */
    public ConnectionCounts counts() {
        return counts;
    }

    /**
     * The file descriptor numbers of the open sockets the agent tracks, for the look at the process's sockets that
     * no hook saw ({@code kernel.UnseenSockets}); a socket whose number is unknown (closed meanwhile) is left out.
     */
    public void trackedDescriptors(IntConsumer each) {
        sockets.forEach(socket -> {
            int fd = probe.fdNumber(socket.key);
            if (fd >= 0) {
                each.accept(fd);
            }
        });
    }

    @Override
    public void listening(Object key, Object owner, SocketApi api, InetSocketAddress local) {
        TrackedSocket socket = register(key, owner, Role.LISTENER, api, local, null, TcpState.CLOSED);
        if (socket != null) {
            apply(socket, Observation.LISTENING, "");
        }
    }

    /** A connect call starts: SYN_SENT begins now; it is recorded when the call returns, with the local port. */
    @Override
    public void connectStarted(Object key, Object owner, SocketApi api, InetSocketAddress remote) {
        if (remote == null || remote.isUnresolved()) {
            return; // the JDK throws before sending anything
        }
        TrackedSocket socket = register(key, owner, Role.CLIENT, api, null, remote, TcpState.CLOSED);
        if (socket != null) {
            socket.connectCall = true;
            socket.pendingConnectEvent(recorder.begin());
            socket.compareAndSetStateWord(TrackedSocket.word(CONNECT_STARTED.from(), 0),
                    TrackedSocket.word(CONNECT_STARTED.to(), 1));
        }
    }

    /** A call that completes a pending non-blocking connect (finishConnect) starts. */
    @Override
    public void connectResumed(Object key) {
        TrackedSocket socket = sockets.get(key);
        if (socket != null && socket.state() == TcpState.SYN_SENT) {
            socket.connectCall = true;
        }
    }

    /**
     * A connect or finishConnect call returned: {@code established}, still pending (a non-blocking connect),
     * or failed with {@code failure}. Success may be reported by another thread than the one whose call started
     * the connect (asynchronous channels), so it never depends on the call flag.
     */
    @Override
    public void connectReturned(Object key, boolean established, Throwable failure) {
        TrackedSocket socket = sockets.get(key);
        if (socket == null) {
            return;
        }
        if (socket.local == null) {
            socket.local = probe.localAddress(key);
        }
        Object synSent = socket.takePendingConnectEvent();
        if (established && synSent != null && socket.compareAndSetStateWord(
                TrackedSocket.word(TcpState.SYN_SENT, 1), TrackedSocket.word(TcpState.ESTABLISHED, 2))) {
            // One call sent the SYN and saw the handshake done: one event, one stack walk, for both steps.
            socket.connectCall = false;
            recorder.transitions(socket, CONNECT_STARTED, CONNECTED, 1, "", synSent);
            return;
        }
        if (synSent != null) {
            recorder.transition(socket, CONNECT_STARTED, 1, "", synSent);
        }
        if (established) {
            socket.connectCall = false;
            apply(socket, Observation.CONNECT_OK, "");
            return;
        }
        if (!socket.connectCall) {
            return;
        }
        socket.connectCall = false;
        if (failure != null || socket.closedInConnectCall) {
            // An asynchronous connect hands its failure to the application's Future or handler, not to the
            // agent: all the agent sees is the JDK closing the channel inside the call.
            Observation outcome = failure == null ? Observation.CONNECT_FAILED : classifyConnectFailure(failure);
            apply(socket, outcome, failure == null ? "closed by the JDK while connecting" : describe(failure));
            end(socket, switch (outcome) {
                case CONNECT_REFUSED -> EndCause.REFUSED;
                case CONNECT_TIMEOUT -> EndCause.TIMEOUT;
                default -> EndCause.FAILED;
            });
        }
    }

    @Override
    public void accepted(Object key, Object owner, SocketApi api, InetSocketAddress local, InetSocketAddress remote) {
        TrackedSocket socket = register(key, owner, Role.SERVER, api, local, remote, TcpState.LISTEN);
        if (socket != null) {
            apply(socket, Observation.ACCEPTED, "");
        }
    }

    /** Hot path: counts bytes, and notices the peer's FIN (-1). */
    @Override
    public void read(Object key, long result) {
        TrackedSocket socket = lookup(key);
        if (socket == null) {
            return;
        }
        if (result > 0) {
            socket.addBytesRead(result);
        } else if (result == -1 && !socket.inputShut) {
            if (socket.kernelFollowed) {
                return; // the peer's FIN after ours: TIME_WAIT, or CLOSING if they crossed; the kernel reports which
            }
            socket.eofRead = true;
            if (apply(socket, Observation.READ_EOF, "") && socket.state() == TcpState.CLOSE_WAIT) {
                socket.peerClosedFirst = true;
            }
        }
    }

    /** Hot path: counts bytes written. */
    @Override
    public void wrote(Object key, long bytes) {
        TrackedSocket socket = lookup(key);
        if (socket != null && bytes > 0) {
            socket.addBytesWritten(bytes);
        }
    }

    /** A read or write failed; only a reset by the peer changes the state. */
    @Override
    public void ioFailed(Object key, Throwable failure) {
        if (!isReset(failure)) {
            return;
        }
        TrackedSocket socket = lookup(key);
        if (socket != null && apply(socket, Observation.RESET, describe(failure))) {
            socket.resetSeen = true;
        }
    }

    @Override
    public void inputShutdown(Object key) {
        TrackedSocket socket = lookup(key);
        if (socket != null) {
            socket.inputShut = true; // from now on -1 is our own doing, not the peer's FIN
        }
    }

    /**
     * shutdownOutput() is about to send our FIN: asks the kernel first, because a peer answering that FIN with
     * its own is, once our shutdown returns, indistinguishable from a peer that closed first.
     */
    @Override
    public void shuttingOutput(Object key) {
        TrackedSocket socket = lookup(key);
        if (socket != null) {
            noticePeerClose(socket);
        }
    }

    @Override
    public void outputShutdown(Object key) {
        TrackedSocket socket = lookup(key);
        if (socket == null) {
            return;
        }
        if (apply(socket, Observation.SHUTDOWN_OUTPUT, "") && !socket.kernelFollowed) {
            watchInKernel(socket);
        }
    }

    /**
     * close() was called on an open socket: asks the kernel now, while the socket can still be asked, what this
     * close will send (RST for SO_LINGER 0 or unread data, else FIN) and whether the peer's FIN or RST is already
     * waiting. One poll answers both in the common case, and it comes last, so that as little as possible runs
     * between that answer and the close itself; the close is recorded by {@link #closed} once it has happened.
     * Where the descriptor stays open (the JDK only shuts the output now), unread data cannot make it send RST.
     */
    @Override
    public void closing(Object key, boolean descriptorStaysOpen) {
        TrackedSocket socket = lookup(key);
        if (socket == null) {
            return;
        }
        if (socket.connectCall) {
            // The JDK closes a failed connect's socket inside the connect call: the call's outcome decides.
            socket.closedInConnectCall = true;
            if (socket.local == null) {
                socket.local = probe.localAddress(key); // the ephemeral port is still bound
            }
            return;
        }
        long word = socket.stateWord();
        TcpState before = TrackedSocket.stateOf(word);
        if (before == TcpState.LISTEN || before == TcpState.CLOSED) {
            socket.closeDetail = ORDERLY_CLOSE;
            return;
        }
        boolean lingerZero = probe.resetsOnClose(key);
        PeerSignal peer = probe.peerSignal(key);
        // poll's answer says whether bytes wait; only behind a FIN does it take FIONREAD to know (an EOF read
        // means nothing can wait: no data comes after a FIN).
        boolean unread = !lingerZero && !descriptorStaysOpen && (peer == PeerSignal.DATA
                || peer == PeerSignal.FIN && !socket.eofRead && probe.unreadBytes(key) > 0);
        socket.closeDetail = lingerZero ? LINGER_ZERO : unread ? UNREAD_DATA : ORDERLY_CLOSE;
        if (before == TcpState.ESTABLISHED || before == TcpState.CLOSE_WAIT) {
            notice(socket, word, peer, BEFORE_CLOSE, null);
        }
    }

    /**
     * The JDK is about to close the descriptor, or to shut the output of a channel a selector still holds: the last
     * moment to ask about the peer before our FIN leaves. Since {@link #closing} asked, the JDK has waited for
     * readers and writers, milliseconds on a busy host (a peer's FIN arriving then made a Tomcat close, and a JDK
     * HttpClient's, look active).
     */
    @Override
    public void closeImminent(Object key) {
        TrackedSocket socket = sockets.get(key);
        if (socket != null && ORDERLY_CLOSE.equals(socket.closeDetail) && !socket.askedBeforeFin) {
            socket.askedBeforeFin = true;
            noticePeerClose(socket);
        }
    }

    /** The close that {@link #closing} saw begin has returned: what it sent is now on its way. */
    @Override
    public void closed(Object key) {
        TrackedSocket socket = sockets.get(key);
        String detail = socket == null ? null : socket.closeDetail;
        if (detail == null) {
            return; // not seen beginning (closed inside a connect call, or before the agent came)
        }
        if (detail.isEmpty()) {
            apply(socket, Observation.CLOSE, "");
        } else if (apply(socket, Observation.ABORTIVE_CLOSE, detail)) {
            socket.resetSeen = true;
        }
        end(socket, socket.resetSeen ? EndCause.RESET
                : socket.peerClosedFirst ? EndCause.PEER_CLOSE : EndCause.LOCAL_CLOSE);
    }

    /** Reports sockets that were garbage-collected without close(). */
    public void reapDropped() {
        Reference<?> ref;
        while ((ref = dropped.poll()) != null) {
            end(((TrackedSocket.OwnerReference) ref).socket, EndCause.LEAKED);
        }
    }

    /** The tracked socket, or a socket open before the attach that is touched now for the first time. */
    private TrackedSocket lookup(Object key) {
        TrackedSocket socket = sockets.get(key);
        return socket != null || !preexisting.anyUntouched() ? socket : firstTouch(key);
    }

    private TrackedSocket firstTouch(Object key) {
        int fd = probe.fdNumber(key);
        OpenSocket open = fd < 0 ? null : preexisting.claim(fd);
        if (open == null) {
            return sockets.get(key); // not one of them, or another thread touched it first
        }
        boolean listener = open.state() == TcpState.LISTEN;
        TrackedSocket socket = register(key, key, preexisting.roleOf(open), SocketApi.UNKNOWN, open.local(),
                listener ? null : open.remote(), TcpState.CLOSED);
        Transition first = TcpStateMachine.firstSeen(open.state());
        if (socket != null && first != null) {
            long word = socket.stateWord();
            if (socket.compareAndSetStateWord(word, TrackedSocket.word(first.to(), 1))) {
                if (first.to() == TcpState.CLOSE_WAIT) {
                    socket.enteredCloseWait(first.trigger(), false);
                }
                recorder.transition(socket, first, 1, "open before the agent was attached", null);
            }
        }
        return socket;
    }

    /** The sockets that were open when the agent was attached; set once, right after the attach. */
    public void preexisting(PreexistingSockets sockets) {
        preexisting = sockets;
    }

    public PreexistingSockets preexisting() {
        return preexisting;
    }

    private TrackedSocket register(Object key, Object owner, Role role, SocketApi api,
                                   InetSocketAddress local, InetSocketAddress remote, TcpState initial) {
        if (!filter.admits(local, remote)) {
            return null;
        }
        reapDropped();
        TrackedSocket socket = new TrackedSocket(ids.incrementAndGet(), key, owner, dropped, role, api,
                local, remote, initial);
        if (!sockets.add(socket)) {
            return null; // already tracked: a repeated call the JDK will reject
        }
        counts.opened();
        recorder.opened(socket);
        return socket;
    }

    /** Applies an observation atomically; true when it changed the state. */
    private boolean apply(TrackedSocket socket, Observation observation, String detail) {
        while (true) {
            long word = socket.stateWord();
            if (TcpStateMachine.next(TrackedSocket.stateOf(word), observation).isEmpty()) {
                return false;
            }
            if (applyFrom(socket, word, observation, detail, null)) {
                return true;
            }
        }
    }

    /**
     * Applies an observation if the socket's state word is still {@code word}; true when it changed the state.
     * {@code begun}, if not null, is the first transition's event, begun when the observation was first made.
     */
    private boolean applyFrom(TrackedSocket socket, long word, Observation observation, String detail,
                              Object begun) {
        List<Transition> steps = TcpStateMachine.next(TrackedSocket.stateOf(word), observation);
        if (steps.isEmpty()) {
            return false;
        }
        int done = TrackedSocket.transitionsOf(word);
        if (!socket.compareAndSetStateWord(word, TrackedSocket.word(steps.get(steps.size() - 1).to(),
                done + steps.size()))) {
            return false;
        }
        Transition last = steps.get(steps.size() - 1);
        if (last.to() == TcpState.CLOSE_WAIT) {
            socket.enteredCloseWait(last.trigger(), locateCloseWaits && last.trigger() == Trigger.READ_EOF);
        }
        if (steps.size() == 2) {
            // An accept: the handshake the kernel completed and the call that took it, one event for both.
            recorder.transitions(socket, steps.get(0), last, done + 1, detail, begun);
        } else {
            recorder.transition(socket, last, done + 1, detail, begun);
        }
        return true;
    }

    /**
     * Before a close or shutdown reaches the kernel, asks it what the peer sent that the application never read,
     * so the close is recorded as the wire has it: a FIN waiting makes it a passive close (CLOSE_WAIT, then
     * LAST_ACK), an RST waiting means the kernel already dropped the connection and the close sends nothing.
     */
    private void noticePeerClose(TrackedSocket socket) {
        long word = socket.stateWord();
        TcpState state = TrackedSocket.stateOf(word);
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) {
            notice(socket, word, probe.peerSignal(socket.key), BEFORE_CLOSE, null);
        }
    }

    /**
     * Records what the kernel said of the peer, unless the socket's state moved on since {@code word};
     * {@code details}: the FIN's and the RST's detail text; {@code begun}: the event begun when it was first seen,
     * or null for now.
     */
    private void notice(TrackedSocket socket, long word, PeerSignal signal, String[] details, Object begun) {
        if (signal == PeerSignal.RESET) {
            if (applyFrom(socket, word, Observation.RESET, details[1], begun)) {
                socket.resetSeen = true;
            }
        } else if (signal == PeerSignal.FIN && !socket.inputShut // after SHUT_RD the kernel reports our own EOF
                && applyFrom(socket, word, Observation.PEER_FIN_FOUND, details[0], begun)) {
            socket.peerClosedFirst = true;
        }
    }

    /**
     * One look at the connections the application holds open, on the watcher's thread: a peer's FIN or RST that
     * nobody reads shows (CLOSE_WAIT, or CLOSED) while the application holds the socket, not at its close, if
     * ever. Only one still waiting, with the socket unchanged, at the next look is recorded, stamped with the
     * time it was first seen: an application about to read it does so meanwhile, and its read, with the code
     * location, records it as usual. A socket whose state moved on while the kernel was asked (closed meanwhile:
     * its descriptor number may already name another socket) is left as it is. Returns how many were asked.
     */
    public int findPeerCloses() {
        return findPeerCloses(0);
    }

    /**
     * {@link #findPeerCloses()}, recording a sighting only at a look at least {@code confirmAfterNanos} after it:
     * frequent looks stamp the FIN soon after it came, and the application still has that long to read it.
     */
    public int findPeerCloses(long confirmAfterNanos) {
        int[] asked = {0};
        sockets.forEach(socket -> {
            long word = socket.stateWord();
            if (TrackedSocket.stateOf(word) != TcpState.ESTABLISHED || socket.connectCall
                    || socket.closeDetail != null) {
                return;
            }
            asked[0]++;
            PeerSignal signal = probe.peerSignal(socket.key);
            PeerSighting earlier = socket.peerSighting;
            if (signal != PeerSignal.FIN && signal != PeerSignal.RESET) {
                socket.peerSighting = null;
            } else if (earlier != null && earlier.word() == word && earlier.signal() == signal) {
                if (System.nanoTime() - earlier.seenAt() >= confirmAfterNanos) {
                    socket.peerSighting = null;
                    notice(socket, word, signal, BY_LOOK, earlier.begun());
                }
            } else {
                socket.peerSighting = new PeerSighting(word, signal, recorder.begin(), System.nanoTime());
            }
        });
        return asked[0];
    }

    /** What a look found, to be recorded if the next look finds the same. */
    record PeerSighting(long word, PeerSignal signal, Object begun, long seenAt) {
    }

    private void end(TrackedSocket socket, EndCause cause) {
        if (sockets.remove(socket)) {
            counts.ended(cause);
            socket.owner.clear();
            recorder.ended(socket, cause);
            if (!socket.kernelFollowed && KERNEL_SIDE.contains(socket.state())) {
                watchInKernel(socket);
            }
        }
    }

    /** The kernel watch's look now, outside its schedule: see {@link KernelWatch#lookNow}. */
    public void lookInKernelNow() {
        kernelWatch.lookNow();
    }

    /** Set first: the watch may end, on the sampler's thread, before {@code follow} has returned. */
    private void watchInKernel(TrackedSocket socket) {
        socket.kernelFollowed = true;
        if (!kernelWatch.follow(this, socket)) {
            socket.kernelFollowed = false;
        }
    }

    /**
     * The kernel stopped watching {@code socket} (it reached CLOSED, or stayed too long in one state): JDK calls
     * decide its state again, and closing it hands it over once more.
     */
    public void kernelWatchEnded(TrackedSocket socket) {
        socket.kernelFollowed = false;
    }

    /**
     * A transition the kernel sampler saw once only the kernel changes the state (on its own thread); it continues
     * the socket's sequence.
     */
    public void kernelTransition(TrackedSocket socket, TcpState from, TcpState to, Source source) {
        Transition step = TcpStateMachine.kernel(from, to, source == Source.KERNEL);
        if (step == null) {
            return;
        }
        while (true) {
            long word = socket.stateWord();
            if (TrackedSocket.stateOf(word) == TcpState.CLOSED) {
                return; // the JVM saw the end first (an abortive close of a socket the kernel was following)
            }
            int done = TrackedSocket.transitionsOf(word);
            if (socket.compareAndSetStateWord(word, TrackedSocket.word(to, done + 1))) {
                recorder.transition(socket, step, done + 1, "", null);
                return;
            }
        }
    }

    static Observation classifyConnectFailure(Throwable failure) {
        if (failure instanceof SocketTimeoutException) {
            return Observation.CONNECT_TIMEOUT;
        }
        if (failure instanceof ConnectException) {
            // ETIMEDOUT from the kernel is also a ConnectException; its text is the JDK's fixed "timed out".
            String message = failure.getMessage();
            return message != null && message.contains("timed out")
                    ? Observation.CONNECT_TIMEOUT : Observation.CONNECT_REFUSED;
        }
        return Observation.CONNECT_FAILED;
    }

    /**
     * "Connection reset" is a fixed JDK string; a broken pipe is the same RST seen by a later write. Netty's native
     * transport says {@code recvAddress(..) failed with error(-104): Connection reset by peer} (4.2; Linux's errno
     * numbers, the same on every architecture the JDK supports there) or {@code ... failed: Connection reset by
     * peer} (4.1, the C library's text, English unless the process runs in another language).
     */
    static boolean isReset(Throwable failure) {
        String message = failure.getMessage();
        return failure instanceof java.io.IOException && message != null
                && (message.startsWith("Connection reset") || message.equals("Broken pipe")
                || message.contains("failed with error(-104)") || message.contains("failed with error(-32)")
                || message.endsWith("failed: Connection reset by peer") || message.endsWith("failed: Broken pipe"));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
    }
}
