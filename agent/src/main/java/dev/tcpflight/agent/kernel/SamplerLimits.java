package dev.tcpflight.agent.kernel;

import java.time.Duration;

/**
 * How much the {@link KernelSampler} may do.
 *
 * @param maxFollowed  sockets followed at once; more are declined
 * @param fastInterval time between looks right after a socket is followed or changes state
 * @param fastWindow   how long after that the looks stay fast
 * @param slowInterval the longest time between looks (TIME_WAIT, and long waits in other states)
 * @param quietLimit   a socket that shows no change for this long is no longer followed (longer than
 *                     Linux's 60 s TIME_WAIT, so that TIME_WAIT's end is seen)
 * @param followLimit  no socket is followed longer than this in all
 * @param cpuBudget    the largest share of one core the sampler may take on average (a look at the tables
 *                     costs mostly the kernel formatting them, about 2 µs a row); see {@link PollSchedule}
 */
public record SamplerLimits(int maxFollowed, Duration fastInterval, Duration fastWindow, Duration slowInterval,
                            Duration quietLimit, Duration followLimit, double cpuBudget) {

    public static final SamplerLimits DEFAULTS = new SamplerLimits(10_000, Duration.ofMillis(5),
            Duration.ofMillis(150), Duration.ofSeconds(1), Duration.ofSeconds(70), Duration.ofMinutes(5), 0.01);

    public SamplerLimits {
        if (maxFollowed < 0 || fastInterval.isNegative() || fastInterval.isZero()
                || slowInterval.compareTo(fastInterval) < 0 || fastWindow.isNegative()
                || quietLimit.isNegative() || followLimit.isNegative()
                || !(cpuBudget > 0 && cpuBudget <= 1)) {
            throw new IllegalArgumentException("invalid kernel sampler limits: maxFollowed " + maxFollowed
                    + ", fastInterval " + fastInterval + ", fastWindow " + fastWindow + ", slowInterval "
                    + slowInterval + ", quietLimit " + quietLimit + ", followLimit " + followLimit
                    + ", cpuBudget " + cpuBudget);
        }
    }
}
