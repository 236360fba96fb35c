package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;

/**
 * What the agent knows about one socket while the JVM uses it. The socket itself is held weakly, so an
 * application that drops a socket without closing it still gets it garbage-collected (and reported as leaked).
 * The state and the transition count live in one word, changed by compare-and-set, so transitions observed on
 * two threads at once are applied one after the other, never lost or reordered, and without locks.
 */
public final class TrackedSocket {

    private static final TcpState[] STATES = TcpState.values();
    private static final VarHandle STATE_WORD;
    private static final VarHandle BYTES_READ;
    private static final VarHandle BYTES_WRITTEN;
    private static final VarHandle PENDING_CONNECT_EVENT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE_WORD = lookup.findVarHandle(TrackedSocket.class, "stateWord", long.class);
            BYTES_READ = lookup.findVarHandle(TrackedSocket.class, "bytesRead", long.class);
            BYTES_WRITTEN = lookup.findVarHandle(TrackedSocket.class, "bytesWritten", long.class);
            PENDING_CONNECT_EVENT = lookup.findVarHandle(TrackedSocket.class, "pendingConnectEvent", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final Object key;
    final OwnerReference owner;
    final Role role;
    final SocketApi api;
    volatile InetSocketAddress local;
    volatile InetSocketAddress remote;

    /** Transition count in the high bits, {@link TcpState} ordinal in the low byte. */
    private volatile long stateWord;
    private volatile long bytesRead;
    private volatile long bytesWritten;

    /** A connect or finishConnect call is under way on this socket. */
    volatile boolean connectCall;
    /** The JDK closed the socket during a connect call: that call failed. */
    volatile boolean closedInConnectCall;
    /**
     * Set once a close call is under way: what that close sends, from its start for its end (see
     * {@link ConnectionTracker#closing}); the periodic look then leaves the socket to it (its descriptor may be gone).
     */
    volatile String closeDetail;
    /**
     * The peer was asked about again as the JDK was about to close (or shut the output): once per close, since a
     * later {@code tryClose} (a blocked reader finishing) may meet the pre-closed descriptor the JDK put in its place.
     */
    volatile boolean askedBeforeFin;
    volatile boolean inputShut;
    private volatile long closeWaitSinceNanos;
    private volatile String closeWaitThread;
    private volatile Trigger closeWaitTrigger;
    private volatile String closeWaitCode = "";
    /** A read returned the peer's EOF: nothing can be waiting unread behind it. */
    volatile boolean eofRead;
    volatile boolean peerClosedFirst;
    volatile boolean resetSeen;
    /** Handed to the kernel sampler while still open; closing it must not hand it over again. */
    volatile boolean kernelFollowed;
    /** The peer's FIN or RST as the last periodic look found it waiting; only that look's thread uses it. */
    ConnectionTracker.PeerSighting peerSighting;
    /** Owned by the {@link TransitionRecorder}: the event that spans the connection's life. */
    volatile Object lifetimeEvent;
    /** The CLOSED→SYN_SENT event, begun when connect started and committed once the local port is known. */
    private volatile Object pendingConnectEvent;
    /** The endpoints' text, made at the first event that needs it instead of twice for every event. */
    private volatile HostText localText;
    private volatile HostText remoteText;

    TrackedSocket(long id, Object key, Object owner, ReferenceQueue<Object> queue, Role role, SocketApi api,
                  InetSocketAddress local, InetSocketAddress remote, TcpState initial) {
        this.id = id;
        this.key = key;
        this.owner = new OwnerReference(owner, queue, this);
        this.role = role;
        this.api = api;
        this.local = local;
        this.remote = remote;
        this.stateWord = initial.ordinal();
    }

    void pendingConnectEvent(Object begun) {
        pendingConnectEvent = begun;
    }

    public long id() { return id; }
    public Role role() { return role; }
    public SocketApi api() { return api; }
    public InetSocketAddress local() { return local; }
    public InetSocketAddress remote() { return remote; }
    /** Our end's numeric address as text, "" while unknown. */
    public String localHost() {
        return (localText = HostText.of(local, localText)).host;
    }

    /** The peer's numeric address as text, "" while unknown. */
    public String remoteHost() {
        return (remoteText = HostText.of(remote, remoteText)).host;
    }

    public long bytesRead() { return bytesRead; }
    /** {@link System#nanoTime()} when the peer's close was first known; meaningful in CLOSE_WAIT only. */
    public long closeWaitSinceNanos() { return closeWaitSinceNanos; }
    /** The thread that found the peer's close (read the EOF, or looked). */
    public String closeWaitThread() { return closeWaitThread; }
    public Trigger closeWaitTrigger() { return closeWaitTrigger; }
    /** The code that read the EOF, {@code Class.method:line}, where it was located; else "". */
    public String closeWaitCode() { return closeWaitCode; }
    public long bytesWritten() { return bytesWritten; }
    public Object lifetimeEvent() { return lifetimeEvent; }
    public void lifetimeEvent(Object event) { lifetimeEvent = event; }

    /** On the thread that found the peer's close; {@code locate}: walk its stack for the code that did. */
    void enteredCloseWait(Trigger trigger, boolean locate) {
        closeWaitSinceNanos = System.nanoTime();
        closeWaitThread = Thread.currentThread().getName();
        closeWaitTrigger = trigger;
        closeWaitCode = locate ? CodeLocation.ofCaller() : "";
    }

    public TcpState state() {
        return stateOf(stateWord);
    }

    long stateWord() {
        return stateWord;
    }

    boolean compareAndSetStateWord(long expected, long next) {
        return STATE_WORD.compareAndSet(this, expected, next);
    }

    /** The begun CLOSED→SYN_SENT event, to the one caller that commits it; null for everyone else. */
    Object takePendingConnectEvent() {
        return PENDING_CONNECT_EVENT.getAndSet(this, (Object) null);
    }

    void addBytesRead(long n) {
        BYTES_READ.getAndAdd(this, n);
    }

    void addBytesWritten(long n) {
        BYTES_WRITTEN.getAndAdd(this, n);
    }

    static long word(TcpState state, int transitions) {
        return ((long) transitions << 8) | state.ordinal();
    }

    static TcpState stateOf(long word) {
        return STATES[(int) (word & 0xff)];
    }

    static int transitionsOf(long word) {
        return (int) (word >>> 8);
    }

    /** An address and its text, kept together so that a changed address (our end, once bound) gets new text. */
    private record HostText(InetSocketAddress address, String host) {
        /**
         * {@code known} if it was made from {@code address}, else the text of {@code address} ("" for null).
         * Numeric text only: a reverse DNS lookup inside a socket call could block the application.
         */
        static HostText of(InetSocketAddress address, HostText known) {
            if (known != null && known.address == address) {
                return known;
            }
            if (address == null) {
                return new HostText(null, "");
            }
            return new HostText(address,
                    address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString());
        }
    }

    /** Weak link to the socket object; enqueued when the application dropped it without close(). */
    static final class OwnerReference extends WeakReference<Object> {
        final TrackedSocket socket;

        OwnerReference(Object owner, ReferenceQueue<Object> queue, TrackedSocket socket) {
            super(owner, queue);
            this.socket = socket;
        }
    }
}
