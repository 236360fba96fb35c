package dev.tcpflight.agent.jmx;

import java.util.List;
import java.util.Map;

/**
 * The live connection state of this JVM, as the MBean {@value JmxRegistration#OBJECT_NAME}. Open types only
 * (numbers, strings, maps and lists of them), so JConsole, JDK Mission Control and JMX exporters read it
 * without any tcpflight class. Every attribute is computed when read; nothing is kept per read or write.
 */
public interface ConnectionsMXBean {

    /** Sockets tracked now: connections of both roles, and listeners. */
    int getTracked();

    /** Sockets tracked now in each of the 11 RFC 793 states, by state name (zeros included). */
    Map<String, Integer> getByState();

    /** Sockets tracked now by role: client, server (accepted), listener. */
    Map<String, Integer> getByRole();

    /** {@link #getByState()} as a composite, one item per state: for tools that read composites, not tables. */
    StateCounts getStates();

    /** {@link #getByRole()} as a composite. */
    RoleCounts getRoles();

    /** Sockets tracked since the agent started. */
    long getOpened();

    /** Connections ended since the agent started, by end cause (the {@code endCause} of tcpflight.Connection). */
    Map<String, Long> getEndedByCause();

    /** {@link #getEndedByCause()} as a composite. */
    EndCauseCounts getEnded();

    /** Failures inside the agent since it started (each one also said once on stderr). */
    long getAgentErrors();

    /** The connections longest in CLOSE_WAIT (the peer closed, this JVM has not), oldest first, at most 5. */
    List<CloseWaitConnection> getOldestCloseWait();
}
