package dev.tcpflight.bench;

/** One way to run a workload JVM: with or without the agent, with which recording. */
enum Variant {
    NONE("none", "no agent, no recording", false, null),
    JFR("jfr", "no agent, JDK default.jfc recording", false, Settings.JDK_DEFAULT),
    AGENT_JFR("agent+jfr", "agent, tcpflight.jfc recording", true, Settings.TCPFLIGHT),
    AGENT_JFR_NO_STACKS("agent+jfr-nostacks", "agent, tcpflight.jfc with StateChange stack traces off", true,
            Settings.TCPFLIGHT_NO_STACKS),
    AGENT("agent", "agent loaded, no recording", true, null);

    /** The recording settings a variant runs with. */
    enum Settings { JDK_DEFAULT, TCPFLIGHT, TCPFLIGHT_NO_STACKS }

    final String label;
    final String description;
    final boolean agent;
    /** Null when no recording runs. */
    final Settings settings;

    Variant(String label, String description, boolean agent, Settings settings) {
        this.label = label;
        this.description = description;
        this.agent = agent;
        this.settings = settings;
    }

    /** True when the agent records tcpflight events in this variant, so a run can be checked for them. */
    boolean recordsTcpflight() {
        return agent && settings != null && settings != Settings.JDK_DEFAULT;
    }
}
