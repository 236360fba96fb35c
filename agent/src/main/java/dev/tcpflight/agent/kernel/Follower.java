package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.TcpState;

/** One followed socket; the sampler thread's only. */
final class Follower {
    final TcpTuple tuple;
    final FollowListener listener;
    final long followedAt;
    TcpState state;
    /** The table has shown the socket in {@link #state}: its row is known to be this socket's. */
    boolean confirmed;
    /** The last read did not list the socket; one more read decides whether it is gone. */
    boolean missedOnce;
    long changedAt;
    SocketTable.Entry entry;
    TcpTuple reverseTuple;
    SocketTable.Entry reverse;

    Follower(TcpTuple tuple, TcpState state, FollowListener listener, long now) {
        this.tuple = tuple;
        this.state = state;
        this.listener = listener;
        this.followedAt = now;
        this.changedAt = now;
    }
}
