package dev.tcpflight.agent.kernel;

import dev.tcpflight.agent.tracking.AfterClose;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.TrackedSocket;

/** Hands closed sockets to the {@link KernelSampler}, which reports their kernel-side states to the tracker. */
public final class KernelFollower implements AfterClose {

    private final KernelSampler sampler;

    public KernelFollower(KernelSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void follow(ConnectionTracker tracker, TrackedSocket socket) {
        sampler.follow(socket.local(), socket.remote(), socket.state(),
                (from, to, source) -> tracker.kernelTransition(socket, from, to, source));
    }
}
