package dev.tcpflight.agent.it.programs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Child program, started with descriptor 3 already connected to the test (a socket no hook can see: the shell
 * made it before the JVM started, as inetd or systemd hand a service its connection) and with the agent's
 * {@code ports=} set to its first argument. It echoes once over a connection on that port (tracked), opens and
 * holds a connection on another port (filtered out), prints {@code holding PORT} (the other listener's port) and
 * exits, closing nothing, as soon as a line arrives on stdin.
 */
public final class UnseenSocketHolder {

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tracked = new ServerSocket(Integer.parseInt(args[0]), 50, loopback);
             Socket client = new Socket(loopback, tracked.getLocalPort());
             Socket server = tracked.accept()) {
            client.getOutputStream().write('x');
            server.getOutputStream().write(server.getInputStream().read());
            client.getInputStream().read();
        }
        ServerSocket filtered = new ServerSocket(0, 50, loopback);
        Socket heldClient = new Socket(loopback, filtered.getLocalPort());
        Socket heldServer = filtered.accept();
        System.out.println("holding " + filtered.getLocalPort());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println("exiting with " + heldClient.isConnected() + " " + heldServer.isConnected());
    }
}
