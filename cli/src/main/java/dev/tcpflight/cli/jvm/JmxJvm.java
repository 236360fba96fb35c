package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.schema.AgentProperties;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLException;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * A JVM reached over remote JMX (in a container, on another host), which runs the agent from its launch: an
 * agent cannot be loaded over JMX. Credentials come from a file or the environment, never the command line,
 * where any user of the machine could read them.
 */
public final class JmxJvm implements AutoCloseable {

    /** Environment variables with the user and password, as an alternative to a credentials file. */
    public static final String USER_VARIABLE = "TCPFLIGHT_JMX_USER";
    public static final String PASSWORD_VARIABLE = "TCPFLIGHT_JMX_PASSWORD";
    /** The target's threads that serve a JMX connection over RMI: the agent there sees tcpflight's own. */
    public static final String RMI_THREAD_PREFIX = "RMI TCP ";

    private final String address;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JmxJvm(String address, JMXConnector connector, MBeanServerConnection server) {
        this.address = address;
        this.connector = connector;
        this.server = server;
    }

    /** The trust store's password, for {@code --jmx-truststore}. */
    public static final String TRUSTSTORE_PASSWORD_VARIABLE = JmxTls.PASSWORD_VARIABLE;
    /** The JNDI setting for the socket factory of the RMI registry lookup (the JDK's JMX agent documents it). */
    private static final String REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";

    /**
     * Connects to {@code address} ({@code HOST:PORT} or a {@code service:jmx:} URL) with the credentials of
     * {@code credentials} (a file whose first line is {@code USER PASSWORD}) if given, else of the environment's
     * {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} if set, else none; over TLS, trusting the
     * certificates of {@code trustStore}, where the target's JMX uses it.
     */
    public static JmxJvm connect(String address, Path credentials, Path trustStore, Map<String, String> environment)
            throws TcpflightException {
        JMXServiceURL url = url(address);
        if (trustStore != null) {
            JmxTls.trust(trustStore, environment.get(JmxTls.PASSWORD_VARIABLE));
        }
        Map<String, Object> settings = new HashMap<>();
        String[] userAndPassword = credentials != null ? fromFile(credentials)
                : environment.containsKey(USER_VARIABLE)
                        ? new String[] {environment.get(USER_VARIABLE), environment.getOrDefault(PASSWORD_VARIABLE, "")}
                        : null;
        if (userAndPassword != null) {
            settings.put(JMXConnector.CREDENTIALS, userAndPassword);
        }
        JMXConnector connector;
        try {
            connector = open(url, settings, trustStore != null);
        } catch (SecurityException e) {
            throw new TcpflightException("JMX at " + address + " refused "
                    + (userAndPassword == null ? "a connection without credentials (set " + USER_VARIABLE + " and "
                            + PASSWORD_VARIABLE + ", or give --jmx-credentials FILE)" : "the credentials given")
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TcpflightException("cannot reach JMX at " + address + ": " + rootMessage(e) + (!speaksTls(e)
                    ? " (is remote JMX on, at that address?)" : trustStore == null
                    ? " (its JMX uses TLS: give --jmx-truststore FILE with its certificate)"
                    : " (is its certificate in " + trustStore + "?)"), e);
        }
        try {
            return new JmxJvm(address, connector, connector.getMBeanServerConnection());
        } catch (IOException e) {
            close(connector);
            throw new TcpflightException("lost the JMX connection to " + address + ": " + rootMessage(e), e);
        }
    }

    /**
     * The connection; with TLS, where the registry lookup fails as one speaking TLS would
     * ({@code com.sun.management.jmxremote.registry.ssl}), again with a TLS socket for the lookup too. The
     * connection itself takes the socket factory the target put in its RMI stub.
     */
    private static JMXConnector open(JMXServiceURL url, Map<String, Object> settings, boolean tls)
            throws IOException {
        try {
            return JMXConnectorFactory.connect(url, settings);
        } catch (IOException plain) {
            if (!tls || !speaksTls(plain)) {
                throw plain;
            }
            Map<String, Object> secure = new HashMap<>(settings);
            secure.put(REGISTRY_SOCKET_FACTORY, new SslRMIClientSocketFactory());
            return JMXConnectorFactory.connect(url, secure);
        }
    }

    /** Whether a failure is TLS's: a handshake, or plain RMI meeting a TLS endpoint ("non-JRMP server"). */
    private static boolean speaksTls(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException || String.valueOf(cause.getMessage()).contains("non-JRMP server")) {
                return true;
            }
        }
        return false;
    }

    /** {@code HOST:PORT} is the JDK's own JMX agent ({@code com.sun.management.jmxremote.port}). */
    static JMXServiceURL url(String address) throws TcpflightException {
        String url = address.startsWith("service:jmx:") ? address
                : "service:jmx:rmi:///jndi/rmi://" + address + "/jmxrmi";
        if (!address.startsWith("service:jmx:") && !address.matches("[^/:]+:\\d{1,5}|\\[[0-9a-fA-F:]+]:\\d{1,5}")) {
            throw new TcpflightException("not a JMX address: '" + address + "' (HOST:PORT, or a service:jmx: URL)");
        }
        try {
            return new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new TcpflightException("not a JMX address: '" + address + "': " + e.getMessage(), e);
        }
    }

    private static String[] fromFile(Path file) throws TcpflightException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new TcpflightException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        String[] words = lines.isEmpty() ? new String[0] : lines.get(0).strip().split("\\s+", 2);
        if (words.length != 2) {
            throw new TcpflightException("the credentials file " + file + " must start with a line 'USER PASSWORD'");
        }
        return words;
    }

    public String address() {
        return address;
    }

    public MBeanServerConnection server() {
        return server;
    }

    /** Its system properties, read now. */
    Properties systemProperties() throws TcpflightException {
        try {
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            Properties properties = new Properties();
            properties.putAll(runtime.getSystemProperties());
            return properties;
        } catch (IOException | RuntimeException e) {
            throw lost("reading its system properties", e);
        }
    }

    /** {@code dev.example.Main, Java 17.0.15}, as {@link AttachedJvm#description} says it. */
    public String description() throws TcpflightException {
        return AttachedJvm.describe(systemProperties());
    }

    /** Fails, saying how to fix it, unless the agent runs in it. */
    public void requireAgent() throws TcpflightException {
        if (systemProperties().getProperty(AgentProperties.VERSION) == null) {
            throw new TcpflightException("the JVM at " + address + " does not run the tcpflight agent: start it"
                    + " with -javaagent:/path/to/tcpflight-agent.jar (an agent cannot be loaded over JMX)");
        }
    }

    /** Whether the connection still answers. */
    public boolean alive() {
        try {
            server.getMBeanCount();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    TcpflightException lost(String doing, Exception e) {
        return new TcpflightException("lost the JMX connection to " + address + " while " + doing + ": "
                + rootMessage(e) + " (has the JVM exited?)", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    @Override
    public void close() {
        close(connector);
    }

    private static void close(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException e) {
            // closing only forgets the connection on this side
        }
    }
}
