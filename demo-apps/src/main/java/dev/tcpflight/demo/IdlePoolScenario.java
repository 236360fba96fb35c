package dev.tcpflight.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The classic pooled-connection leak, with the JDK's own HTTP/1.1 connection pool (HttpURLConnection's
 * keep-alive cache): a server with a short idle timeout closes a kept-alive connection while it sits unread in
 * the client's pool, so the client's socket is in CLOSE_WAIT for as long as the pool keeps it (here, to the
 * end). The application never reads the EOF: only the kernel knows, and the agent asks it.
 */
public final class IdlePoolScenario extends NarratedScenario {

    static final String BODY = "hello";
    /** The server's idle timeout for a kept-alive connection. */
    static final int SERVER_IDLE_MS = 300;
    /** How long the demo watches the connection sit in the pool: beyond summary's 1 s CLOSE_WAIT threshold. */
    static final long POOL_IDLE_MS = 2_000;

    public IdlePoolScenario(PrintStream out) {
        super(out);
    }

    public static void main(String[] args) throws Exception {
        new IdlePoolScenario(System.out).run();
    }

    @Override
    public String name() {
        return "idle-pool";
    }

    @Override
    public String description() {
        return "HttpURLConnection keeps a connection idle in its pool; the server's idle timeout closes it: the"
                + " client's pool holds it in CLOSE_WAIT, never reading the FIN (Linux)";
    }

    /** Elsewhere the agent cannot ask the kernel for a waiting FIN, and records this close as an active one. */
    @Override
    public Optional<String> unsupportedReason() {
        return System.getProperty("os.name", "").startsWith("Linux") ? Optional.empty()
                : Optional.of("needs Linux: the agent finds a FIN nobody read with poll(POLLRDHUP)");
    }

    @Override
    public List<ExpectedEndpoint> expected() {
        return List.of(
                Expect.SOCKETS.client(1, "ESTABLISHED>CLOSE_WAIT:fin-found"),
                Expect.SOCKETS.server(1, "ESTABLISHED>FIN_WAIT_1:close"),
                Expect.SOCKETS.listener());
    }

    @Override
    public void run() throws Exception {
        try (ServerSocket listener = Loopback.listen()) {
            say("listener: HTTP server listening on " + Loopback.endpoint(Loopback.address(listener))
                    + ", idle timeout " + SERVER_IDLE_MS + " ms");
            Peer server = Peer.serveOne(listener, this::serveUntilIdle);
            URL url = new URL("http://" + Loopback.endpoint(Loopback.address(listener)) + "/");
            HttpURLConnection get = (HttpURLConnection) url.openConnection();
            get.setConnectTimeout(Loopback.TIMEOUT_MS);
            get.setReadTimeout(Loopback.TIMEOUT_MS);
            try (InputStream in = get.getInputStream()) {
                say("client: GET / -> " + get.getResponseCode() + " '"
                        + Loopback.checked(BODY, new String(in.readAllBytes(), StandardCharsets.US_ASCII)) + "'");
            }
            say("client: the connection goes back to the pool, kept alive, and nobody reads it");
            server.join();
            Thread.sleep(POOL_IDLE_MS);
            say("client: " + POOL_IDLE_MS + " ms later the pool still holds it, in CLOSE_WAIT: no read returned -1,"
                    + " only the kernel knows the server is gone");
        }
    }

    /** One request, one kept-alive answer, then the idle timeout closes the connection first. */
    private void serveUntilIdle(Socket socket) throws IOException {
        readRequest(socket.getInputStream());
        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length()
                + "\r\nKeep-Alive: timeout=60\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(SERVER_IDLE_MS);
        try {
            readRequest(socket.getInputStream());
            throw new IOException("expected no second request");
        } catch (SocketTimeoutException idle) {
            say("server: idle for " + SERVER_IDLE_MS + " ms: closes the kept-alive connection first (active close)");
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a request");
            }
            head.write(b);
        }
    }
}
