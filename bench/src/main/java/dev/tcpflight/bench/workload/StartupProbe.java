package dev.tcpflight.bench.workload;

/** Child JVM: prints {@value #LINE} as soon as main runs; the harness times the JVM from launch to this line. */
public final class StartupProbe {

    public static final String LINE = "main";

    private StartupProbe() {
    }

    public static void main(String[] args) {
        System.out.println(LINE);
    }
}
