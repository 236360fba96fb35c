package dev.tcpflight.agent.it.libraries;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child program for the Prometheus JMX exporter: holds a listener, a client whose server closed it and which
 * never reads (CLOSE_WAIT, found by the agent's look) and an open connection (ESTABLISHED at both ends), prints
 * {@code ready}, and exits once the file named by its argument exists (at most a minute later).
 */
public final class HeldConnections {

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 50, loopback);
             Socket neverRead = new Socket(loopback, listener.getLocalPort())) {
            listener.accept().close();
            try (Socket open = new Socket(loopback, listener.getLocalPort()); Socket openServer = listener.accept()) {
                System.out.println("ready");
                Path stop = Path.of(args[0]);
                for (int i = 0; i < 600 && !Files.exists(stop); i++) {
                    Thread.sleep(100);
                }
            }
        }
    }
}
