package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.ApiEcho;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every socket API, both closing orders, IPv4 and IPv6: both ends of one loopback connection produce the exact
 * sequence, with matching endpoints, the right API and role, and the bytes that went through.
 */
class NioApiIT {

    private static final List<String> CONNECTED = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect");
    private static final List<String> ACCEPTED = List.of("LISTEN>SYN_RECEIVED:accept",
            "SYN_RECEIVED>ESTABLISHED:accept");
    private static final List<String> ACTIVE_CLOSE = List.of("ESTABLISHED>FIN_WAIT_1:close");
    private static final List<String> PASSIVE_CLOSE = List.of("ESTABLISHED>CLOSE_WAIT:read-eof",
            "CLOSE_WAIT>LAST_ACK:close");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String api : List.of("socket", "channel", "adaptor", "selector", "async")) {
            for (String closer : List.of("client", "server")) {
                cases.add(Arguments.of(api, closer, "127.0.0.1"));
            }
            cases.add(Arguments.of(api, "client", "::1"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} closes first, {2}")
    @MethodSource("cases")
    void bothEndsRecordTheExactSequence(String api, String closer, String address) throws Exception {
        Path recording = dir.resolve("echo.jfr");
        new ChildJvm().recordTo(recording).run(ApiEcho.class, api, closer, address).assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);

        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        Connection listener = recorded.only("listener");
        boolean clientFirst = closer.equals("client");
        assertEquals(concat(CONNECTED, clientFirst ? ACTIVE_CLOSE : PASSIVE_CLOSE), client.path(), recorded.describe());
        assertEquals(concat(ACCEPTED, clientFirst ? PASSIVE_CLOSE : ACTIVE_CLOSE), server.path(), recorded.describe());
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());
        assertEquals(3, recorded.all().size(), "one record per socket, whichever view used it" + recorded.describe());

        String[] apis = switch (api) {
            case "socket" -> new String[] {"java.net.Socket", "java.net.ServerSocket"};
            case "async" -> new String[] {"AsynchronousSocketChannel", "AsynchronousServerSocketChannel"};
            default -> new String[] {"SocketChannel", "ServerSocketChannel"};
        };
        assertEquals(apis[0], client.socketApi());
        assertEquals(apis[0], server.socketApi());
        assertEquals(apis[1], listener.socketApi());

        assertEquals(client.local(), server.remote());
        assertEquals(server.local(), client.remote());
        for (Connection end : List.of(client, server)) {
            assertEquals(ApiEcho.BYTES, end.summary().getLong(Fields.BYTES_READ), end.role() + " bytes read");
            assertEquals(ApiEcho.BYTES, end.summary().getLong(Fields.BYTES_WRITTEN), end.role() + " bytes written");
        }
        assertEquals(clientFirst ? "local-close" : "peer-close", client.summary().getString(Fields.END_CAUSE));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
