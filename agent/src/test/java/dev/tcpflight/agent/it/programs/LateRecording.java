package dev.tcpflight.agent.it.programs;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Child program: opens a connection with no recording running, then starts one (settings file: args[0]), closes
 * the connection and dumps the recording to args[1].
 */
public final class LateRecording {

    public static void main(String[] args) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept();
             Recording recording = new Recording(Configuration.create(Path.of(args[0])))) {
            recording.start();
            client.close();
            if (server.getInputStream().read() != -1) {
                throw new IllegalStateException("expected EOF");
            }
            server.close();
            recording.stop();
            recording.dump(Path.of(args[1]));
        }
    }
}
