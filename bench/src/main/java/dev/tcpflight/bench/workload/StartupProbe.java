package dev.tcpflight.bench.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Child JVM: prints {@value #MAIN} as soon as main runs, then opens one loopback connection and prints
 * {@value #CONNECTED}. The harness times the JVM from launch to each line: the agent instruments socket classes
 * when they load, so part of its start-up cost lands on the first connection rather than before main.
 */
public final class StartupProbe {

    public static final String MAIN = "main";
    public static final String CONNECTED = "connected";

    private StartupProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(MAIN);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            if (accepted.getInputStream().read() != 1) {
                throw new IOException("the byte sent did not arrive");
            }
        }
        System.out.println(CONNECTED);
    }
}
