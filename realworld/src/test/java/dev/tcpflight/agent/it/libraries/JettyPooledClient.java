package dev.tcpflight.agent.it.libraries;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Child program: a Jetty 12 server with a {@value #SERVER_IDLE_MS} ms idle timeout and an Apache HttpClient 5
 * pooled client. One request; the client then holds the pooled connection idle and unread for
 * {@value #CLIENT_IDLE_MS} ms, so Jetty closes it first; then the pool closes it ({@code closeIdle}). Prints
 * what Jetty counted for the connection ({@code jetty-bytes IN OUT}), the only byte counts the libraries give.
 */
public final class JettyPooledClient {

    public static final long SERVER_IDLE_MS = 1_000;
    public static final long CLIENT_IDLE_MS = 2_500;
    public static final String BODY = "hello from jetty\n".repeat(40);
    /** After the pool's close: time for the kernel sampler to see both ends leave the table or reach TIME_WAIT. */
    private static final long AFTERMATH_MS = 1_000;

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(SERVER_IDLE_MS);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection connection) {
                System.out.println("jetty-bytes " + connection.getBytesIn() + " " + connection.getBytesOut());
            }
        });
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap(BODY.getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
        try {
            PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().build();
            try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build()) {
                String uri = "http://127.0.0.1:" + connector.getLocalPort() + "/";
                String body = client.execute(new HttpGet(uri), response -> EntityUtils.toString(response.getEntity()));
                if (!body.equals(BODY)) {
                    throw new IllegalStateException("unexpected body: " + body);
                }
                Thread.sleep(CLIENT_IDLE_MS); // Jetty's idle timeout closes the server end meanwhile
                pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
                Thread.sleep(AFTERMATH_MS);
            }
        } finally {
            server.stop();
        }
    }
}
