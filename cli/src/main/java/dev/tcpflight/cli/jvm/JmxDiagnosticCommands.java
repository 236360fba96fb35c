package dev.tcpflight.cli.jvm;

import com.sun.tools.attach.VirtualMachine;
import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Diagnostic commands through the target's {@code com.sun.management:type=DiagnosticCommand} MBean, over the
 * local JMX connector that {@link VirtualMachine#startLocalManagementAgent()} starts. Used where the attach
 * listener's Unix socket is not reachable (other operating systems). The connection is RMI over loopback TCP, so
 * the agent sees it: its sockets are handled by threads named {@value JmxJvm#RMI_THREAD_PREFIX}...
 */
final class JmxDiagnosticCommands implements DiagnosticCommands {

    private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JmxDiagnosticCommands(long pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static JmxDiagnosticCommands connect(long pid, VirtualMachine vm) throws TcpflightException {
        try {
            String address = vm.startLocalManagementAgent();
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            try {
                return new JmxDiagnosticCommands(pid, connector);
            } catch (IOException e) {
                connector.close();
                throw e;
            }
        } catch (IOException e) {
            throw new TcpflightException("cannot open a JMX connection to JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String execute(String command) throws TcpflightException {
        String[] words = command.split(" ", 2);
        String[] arguments = words.length < 2 ? new String[0] : splitArguments(words[1]);
        try {
            Object result = server.invoke(new ObjectName(MBEAN), operation(words[0]), new Object[] {arguments},
                    new String[] {String[].class.getName()});
            return result == null ? "" : result.toString();
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TcpflightException("JVM " + pid + " could not run " + words[0] + ": " + cause.getMessage(), e);
        } catch (JMException | IOException e) {
            throw new TcpflightException("JVM " + pid + " could not run " + words[0] + " over JMX: " + e, e);
        }
    }

    /** The MBean operation of a command, as the JDK names it: {@code JFR.start} is {@code jfrStart}. */
    static String operation(String command) {
        StringBuilder name = new StringBuilder();
        boolean beforeFirstDot = true;
        boolean upperNext = false;
        for (char c : command.toCharArray()) {
            if (c == '.' || c == '_') {
                beforeFirstDot = false;
                upperNext = true;
            } else if (upperNext) {
                name.append(Character.toUpperCase(c));
                upperNext = false;
            } else {
                name.append(beforeFirstDot ? Character.toLowerCase(c) : c);
            }
        }
        return name.toString();
    }

    /** Splits at spaces outside quotes, keeping the quotes (the target's parser reads them). */
    static String[] splitArguments(String text) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote == 0 && c == ' ') {
                if (current.length() > 0) {
                    arguments.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            current.append(c);
        }
        if (current.length() > 0) {
            arguments.add(current.toString());
        }
        return arguments.toArray(String[]::new);
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // The target may be gone; nothing is left to release on this side.
        }
    }
}
