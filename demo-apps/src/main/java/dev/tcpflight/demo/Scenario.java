package dev.tcpflight.demo;

import java.util.List;
import java.util.Optional;

/**
 * One reproducible loopback program that drives real sockets through a known path of TCP states.
 * It is the teaching material behind {@code tcpflight demo NAME} and the end-to-end test bed of the agent:
 * {@link #expected()} states, in code, what the agent must record for each endpoint.
 */
public interface Scenario {

    /** Short kebab-case name, as typed after {@code tcpflight demo}. */
    String name();

    /** One line: what the scenario does and what it teaches. */
    String description();

    /**
     * The endpoints this scenario creates and the exact transitions the agent must record for each, with the
     * kernel sampler on as {@code tcpflight demo} runs it: those seen in JDK calls or inferred from them. The
     * sampler's own ({@code kernel} trigger) depend on timing and are not listed; once a FIN of ours is out (after
     * shutdownOutput or close) the states are the kernel's to report.
     */
    List<ExpectedEndpoint> expected();

    /** Why the scenario cannot run on this JVM (for example a JDK 21 API on JDK 17); empty when it can. */
    default Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    /** Runs the scenario to completion on loopback; bounded in time, stops by itself. */
    void run() throws Exception;
}
