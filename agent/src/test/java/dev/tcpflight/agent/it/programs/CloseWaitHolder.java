package dev.tcpflight.agent.it.programs;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Child program for the MBean: holds known connections, then prints the agent's MBean as JMX shows it, one
 * {@code name=value} line per attribute. Held: a listener; a client whose server closed it and which read the
 * EOF (CLOSE_WAIT, first); a client whose server closed it and which never read (CLOSE_WAIT, found by the
 * agent's look, second); an open connection (ESTABLISHED at both ends). Ended: a refused connect, and a pair
 * closed client first. With the argument {@code --no-jmx} it never touches JMX and only exits.
 */
public final class CloseWaitHolder {

    private static final String NAME = "dev.tcpflight:type=Connections";

    public static void main(String[] args) throws Exception {
        boolean jmx = !(args.length > 0 && args[0].equals("--no-jmx"));
        if (jmx) {
            // as a JVM with a JMX exporter or remote JMX on: the agent's MBean exists before any connection
            ManagementFactory.getPlatformMBeanServer();
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        refusedConnect(loopback);
        try (ServerSocket listener = new ServerSocket(0, 50, loopback)) {
            InetSocketAddress at = new InetSocketAddress(loopback, listener.getLocalPort());
            try (Socket closer = new Socket(at.getAddress(), at.getPort()); Socket closed = listener.accept()) {
                closer.close(); // client first
                closed.getInputStream().read();
            }
            Socket readEof = new Socket(at.getAddress(), at.getPort());
            listener.accept().close();
            if (readEof.getInputStream().read() != -1) {
                throw new IllegalStateException("expected the EOF");
            }
            Socket neverRead = new Socket(at.getAddress(), at.getPort());
            listener.accept().close();
            Socket open = new Socket(at.getAddress(), at.getPort());
            Socket openServer = listener.accept();
            if (!jmx) {
                return;
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(NAME);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (closeWait(server, name) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the agent's look finds the never-read FIN
            }
            for (String attribute : new String[] {"Tracked", "Opened", "AgentErrors"}) {
                System.out.println(attribute + "=" + server.getAttribute(name, attribute));
            }
            for (String attribute : new String[] {"ByState", "ByRole", "EndedByCause"}) {
                System.out.println(attribute + "=" + map((TabularData) server.getAttribute(name, attribute)));
            }
            for (String attribute : new String[] {"States", "Roles", "Ended"}) {
                CompositeData counts = (CompositeData) server.getAttribute(name, attribute);
                System.out.println(attribute + "=" + new TreeMap<>(counts.getCompositeType().keySet().stream()
                        .collect(Collectors.toMap(key -> key, counts::get))));
            }
            for (CompositeData entry : (CompositeData[]) server.getAttribute(name, "OldestCloseWait")) {
                System.out.println("OldestCloseWait=" + entry.get("role") + " " + entry.get("local") + " "
                        + entry.get("remote") + " " + entry.get("foundBy") + " " + entry.get("thread") + " "
                        + ((Long) entry.get("ageMillis") >= 0) + " " + entry.get("code"));
            }
            System.out.println("ports=" + readEof.getLocalPort() + " " + neverRead.getLocalPort() + " "
                    + at.getPort());
            open.close();
            openServer.close();
            readEof.close();
            neverRead.close();
        }
    }

    private static void refusedConnect(InetAddress loopback) throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, loopback)) {
            port = gone.getLocalPort();
        }
        try (Socket refused = new Socket()) {
            refused.connect(new InetSocketAddress(loopback, port), 2000);
            throw new IllegalStateException("connected to a closed port");
        } catch (ConnectException expected) {
            // refused, as wanted
        }
    }

    private static int closeWait(MBeanServer server, ObjectName name) throws Exception {
        Object counts = server.getAttribute(name, "ByState");
        return (Integer) ((TabularData) counts).get(new Object[] {"CLOSE_WAIT"}).get("value");
    }

    /** key=value pairs in the map's own (sorted) key order. */
    private static String map(TabularData table) {
        Map<String, Object> sorted = new java.util.TreeMap<>();
        for (Object row : table.values()) {
            CompositeData data = (CompositeData) row;
            sorted.put((String) data.get("key"), data.get("value"));
        }
        return sorted.toString();
    }
}
