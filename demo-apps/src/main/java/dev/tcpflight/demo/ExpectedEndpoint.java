package dev.tcpflight.demo;

import java.util.List;

/**
 * What the agent must record for one kind of endpoint in a scenario: its role, its socket API and the exact
 * ordered transitions, each written {@code FROM>TO:trigger} (for example {@code CLOSED>SYN_SENT:connect}).
 *
 * @param role        "client", "server" (accepted) or "listener", as in the {@code tcpflight.StateChange} event
 * @param socketApi   the event's {@code socketApi} value, e.g. "java.net.Socket"
 * @param count       how many connections of this kind the scenario makes; {@link #AT_LEAST_ONE} when the
 *                    kernel decides (for example how many connects fill an accept backlog)
 * @param transitions the exact ordered transitions of every such connection
 */
public record ExpectedEndpoint(String role, String socketApi, int count, List<String> transitions) {

    public static final int AT_LEAST_ONE = -1;

    public ExpectedEndpoint {
        transitions = List.copyOf(transitions);
        if (count == 0 || count < AT_LEAST_ONE) {
            throw new IllegalArgumentException("count must be positive or AT_LEAST_ONE: " + count);
        }
    }

    public static ExpectedEndpoint of(String role, String socketApi, int count, String... transitions) {
        return new ExpectedEndpoint(role, socketApi, count, List.of(transitions));
    }

    /** True when {@code actual} connections of this kind satisfy {@link #count()}. */
    public boolean countMatches(int actual) {
        return count == AT_LEAST_ONE ? actual >= 1 : actual == count;
    }
}
