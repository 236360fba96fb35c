package dev.tcpflight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class OsSocketTableTest {

    @Test
    void showsBothEndsOfAConnectionAndTheActiveClosersTimeWait() throws Exception {
        assertTrue(OsSocketTable.available());
        try (ServerSocket listener = Loopback.listen()) {
            int serverPort = listener.getLocalPort();
            int clientPort;
            try (Socket client = Loopback.connect(Loopback.address(listener));
                 Socket server = Loopback.accept(listener)) {
                clientPort = client.getLocalPort();
                assertEquals(Optional.of("ESTABLISHED"), OsSocketTable.state(clientPort, serverPort));
                assertEquals(Optional.of("ESTABLISHED"), OsSocketTable.state(serverPort, clientPort));
                client.close();
                assertEquals(-1, server.getInputStream().read());
                assertEquals(Optional.of("CLOSE_WAIT"), OsSocketTable.state(serverPort, clientPort));
            }
            OsSocketTable.await(clientPort, serverPort, "TIME_WAIT");
        }
    }

    @Test
    void noEntryForAConnectionThatDoesNotExist() throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            assertEquals(Optional.empty(), OsSocketTable.state(listener.getLocalPort(), 1));
        }
    }
}
