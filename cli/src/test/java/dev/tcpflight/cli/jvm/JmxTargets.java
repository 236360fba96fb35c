package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link TrafficTarget} JVMs with the JDK's own JMX agent on a port of 127.0.0.1 only, stopped together. */
final class JmxTargets implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    JmxTargets(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts one on {@code port} (registry and RMI server) with these JMX options besides, and waits until it
     * makes traffic; {@code com.sun.management.jmxremote.ssl} is false unless {@code options} say otherwise.
     */
    void start(String name, int port, List<String> options) throws Exception {
        Path classes = Path.of(TrafficTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path ready = dir.resolve(name + ".ready");
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(),
                "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1"));
        if (options.stream().noneMatch(o -> o.startsWith("-Dcom.sun.management.jmxremote.ssl="))) {
            command.add("-Dcom.sun.management.jmxremote.ssl=false");
        }
        command.addAll(options);
        command.addAll(List.of("-cp", classes.toString(), TrafficTarget.class.getName(), ready.toString(), "200",
                "120"));
        Process target = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        started.add(target);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(ready)) {
            assertTrue(target.isAlive() && System.nanoTime() < deadline, "the target JVM did not start: "
                    + Files.readString(dir.resolve(name + ".log")));
            Thread.sleep(20);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process target : started) {
            target.destroy();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
