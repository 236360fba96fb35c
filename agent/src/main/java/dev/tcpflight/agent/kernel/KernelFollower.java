package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.KernelWatch;
import dev.tcpflight.agent.tracking.TrackedSocket;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import java.util.concurrent.TimeUnit;

/** Hands sockets to the {@link KernelSampler}, which reports their kernel-side states to the tracker. */
public final class KernelFollower implements KernelWatch {

    /** A look costs about 5 ms here (the kernel walks its whole table); a busy machine may make it wait. */
    private static final long LAST_LOOK_WAIT = TimeUnit.MILLISECONDS.toNanos(200);

    private final KernelSampler sampler;

    public KernelFollower(KernelSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public boolean follow(ConnectionTracker tracker, TrackedSocket socket) {
        return sampler.follow(socket.local(), socket.remote(), socket.state(), new FollowListener() {
            @Override
            public void kernelTransition(TcpState from, TcpState to, Source source) {
                tracker.kernelTransition(socket, from, to, source);
            }

            @Override
            public void followEnded(TcpState last, End end) {
                tracker.kernelWatchEnded(socket);
            }
        });
    }

    @Override
    public void lookNow() {
        sampler.lookNow(LAST_LOOK_WAIT);
    }
}
