package dev.tcpflight.cli.launch;

import dev.tcpflight.cli.TcpflightCli;
import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Where the agent and demo jars are: {@code lib/} next to the CLI jar (or next to target/classes when run from
 * the build), unless the system properties {@value #AGENT_PROPERTY} / {@value #DEMO_PROPERTY} name them.
 */
public final class Distribution {

    public static final String AGENT_PROPERTY = "tcpflight.agent.jar";
    public static final String DEMO_PROPERTY = "tcpflight.demo.jar";
    static final String SETTINGS_RESOURCE = "tcpflight.jfc";

    private final Path libDirectory;
    private final UnaryOperator<String> properties;

    Distribution(Path libDirectory, UnaryOperator<String> properties) {
        this.libDirectory = libDirectory;
        this.properties = properties;
    }

    public static Distribution current() {
        try {
            Path cli = Path.of(TcpflightCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(cli.toAbsolutePath().getParent().resolve("lib"), System::getProperty);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable location of the tcpflight classes", e);
        }
    }

    public Path agentJar() throws TcpflightException {
        return locate("agent", AGENT_PROPERTY, "tcpflight-agent.jar");
    }

    public Path demoJar() throws TcpflightException {
        return locate("demo", DEMO_PROPERTY, "tcpflight-demo-apps.jar");
    }

    /** Copies the agent's JFR settings ({@value #SETTINGS_RESOURCE}, at the agent jar's root) into a file. */
    public Path extractSettings(Path directory) throws TcpflightException {
        Path agent = agentJar();
        Path target = directory.resolve(SETTINGS_RESOURCE);
        try (JarFile jar = new JarFile(agent.toFile())) {
            ZipEntry entry = jar.getEntry(SETTINGS_RESOURCE);
            if (entry == null) {
                throw new TcpflightException("agent jar " + agent + " has no " + SETTINGS_RESOURCE
                        + ": rebuild it with mvn -B package");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, target);
            }
        } catch (IOException e) {
            throw new TcpflightException("cannot read " + SETTINGS_RESOURCE + " from " + agent + ": " + e, e);
        }
        return target;
    }

    private Path locate(String what, String property, String fileName) throws TcpflightException {
        String override = properties.apply(property);
        Path jar = override != null ? Path.of(override) : libDirectory.resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            String origin = override != null ? " (set by -D" + property + ")" : "";
            throw new TcpflightException(what + " jar not found at " + jar + origin + ": build with mvn -B package");
        }
        return jar;
    }
}
