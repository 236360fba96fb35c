package dev.tcpflight.schema;

/** System properties the agent sets in the JVM it is loaded into; tools read them over the Attach API. */
public final class AgentProperties {

    /** The loaded agent's version: present once an agent is loaded, whichever way it came. */
    public static final String VERSION = "tcpflight.agent.version";

    private AgentProperties() {
    }
}
