package dev.tcpflight.agent.it.programs;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child program for a measurement, not a test: {@code args[0]} connections (default 200) whose server ends
 * close one by one, 5 to 45 ms apart, while their clients hold them idle and never read: each client's CLOSE_WAIT
 * can only be found by the agent's periodic look ({@code fin-found}); the server's close call is recorded when
 * its FIN leaves (on loopback it arrives within microseconds). See {@code FinFoundLagMeasure}.
 */
public final class FinFoundLag {

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> clients = new ArrayList<>();
        List<Socket> servers = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, connections, loopback)) {
            for (int i = 0; i < connections; i++) {
                clients.add(new Socket(loopback, listener.getLocalPort()));
                servers.add(listener.accept());
            }
            Thread.sleep(300);
            for (Socket server : servers) {
                server.close();
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 45));
            }
            Thread.sleep(1_000);
        }
        System.out.println("held " + clients.size());
    }
}
