package dev.tcpflight.agent.jmx;

import dev.tcpflight.schema.TcpState;

/**
 * Sockets tracked now in each RFC 793 state, as {@link ConnectionsMXBean#getStates}: JMX sees a CompositeData with
 * one item per state ({@code closeWait}, ...), which tools that read composites but not tables (OpenTelemetry's
 * JMX Metric Insight) can map to one metric with a state attribute.
 */
public final class StateCounts {

    private final int[] counts;

    StateCounts(int[] countsByOrdinal) {
        this.counts = countsByOrdinal.clone();
    }

    private int of(TcpState state) {
        return counts[state.ordinal()];
    }

    public int getClosed() {
        return of(TcpState.CLOSED);
    }

    public int getListen() {
        return of(TcpState.LISTEN);
    }

    public int getSynSent() {
        return of(TcpState.SYN_SENT);
    }

    public int getSynReceived() {
        return of(TcpState.SYN_RECEIVED);
    }

    public int getEstablished() {
        return of(TcpState.ESTABLISHED);
    }

    public int getFinWait1() {
        return of(TcpState.FIN_WAIT_1);
    }

    public int getFinWait2() {
        return of(TcpState.FIN_WAIT_2);
    }

    public int getCloseWait() {
        return of(TcpState.CLOSE_WAIT);
    }

    public int getClosing() {
        return of(TcpState.CLOSING);
    }

    public int getLastAck() {
        return of(TcpState.LAST_ACK);
    }

    public int getTimeWait() {
        return of(TcpState.TIME_WAIT);
    }
}
