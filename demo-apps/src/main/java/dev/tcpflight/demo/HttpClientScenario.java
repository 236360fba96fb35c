package dev.tcpflight.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * java.net.http.HttpClient against com.sun.net.httpserver.HttpServer, both built on SocketChannels: three GETs
 * share one keep-alive connection; then the server stops and closes it first, and the client's connection pool,
 * which watches its idle connections, reads the FIN and closes its end too.
 */
public final class HttpClientScenario extends NarratedScenario {

    private static final int REQUESTS = 3;
    private static final Duration TIMEOUT = Duration.ofMillis(Loopback.TIMEOUT_MS);
    /** Where the OS's socket table cannot be watched: ample for the client's selector thread, still a guess. */
    private static final long GRACE_MS = 200;

    /** The client endpoints the server saw requests from: one per connection. */
    private final Set<InetSocketAddress> clientEndpoints = ConcurrentHashMap.newKeySet();

    public HttpClientScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new HttpClientScenario(System.out).run();
    }

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public String description() {
        return "HttpClient sends " + REQUESTS + " GETs to an HttpServer over one keep-alive connection; the server"
                + " stops and closes it first";
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.CHANNELS.client(1, "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                Expect.CHANNELS.server(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.CHANNELS.listener());
    }

    /** How many connections the requests came over, once {@link #run()} has returned. */
    public int connections() {
        return clientEndpoints.size();
    }

    @Override
    public void run() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no attempt to upgrade to HTTP/2
                .connectTimeout(TIMEOUT)
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        server.createContext("/", this::answer);
        server.start();
        InetSocketAddress clientEnd;
        try {
            String base = "http://" + Loopback.endpoint(server.getAddress());
            say("listener: HttpServer listening on " + Loopback.endpoint(server.getAddress()));
            for (int i = 1; i <= REQUESTS; i++) {
                get(client, URI.create(base + "/" + i));
            }
            if (clientEndpoints.size() != 1) {
                throw new IllegalStateException("expected one keep-alive connection, but requests came from "
                        + clientEndpoints);
            }
            clientEnd = clientEndpoints.iterator().next();
            say("server: all " + REQUESTS + " requests came from " + Loopback.endpoint(clientEnd)
                    + ": one keep-alive connection, now idle in the client's pool");
        } finally {
            say("server: stop(0) closes the listener, then the idle connection: this end closes first (active close)");
            server.stop(0);
        }
        awaitClientClose(server.getAddress().getPort(), clientEnd.getPort());
        if (client instanceof AutoCloseable closeable) { // JDK 21+: stops the client's selector thread at once
            closeable.close();
        }
    }

    /**
     * The HttpClient closes its end on its own selector thread and tells nobody. The kernel shows it: once the
     * client's FIN has arrived, the server's end, which closed first, is in TIME_WAIT.
     */
    private void awaitClientClose(int serverPort, int clientPort) throws Exception {
        if (OsSocketTable.available()) {
            OsSocketTable.await(serverPort, clientPort, "TIME_WAIT");
            say("server: the kernel shows its end in TIME_WAIT now: the client's FIN has arrived");
            say("client: so its pool read -1 (the server's FIN) on the idle connection and closed it (passive"
                    + " close)");
        } else {
            Thread.sleep(GRACE_MS);
            say("client: no socket table to watch on this OS; gave the pool " + GRACE_MS + " ms to read the"
                    + " server's FIN on the idle connection and close it (passive close)");
        }
    }

    private void get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String expected = "hello " + uri.getPath();
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        say("client: GET " + uri.getPath() + " -> " + response.statusCode() + " '"
                + Loopback.checked(expected, response.body()) + "'");
    }

    /** The server's handler, on its dispatcher thread. */
    private void answer(HttpExchange exchange) throws IOException {
        clientEndpoints.add(exchange.getRemoteAddress());
        byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
