package dev.tcpflight.agent.it.libraries;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Child program: embedded Tomcat 11 (NIO connector) answers every request with {@code Connection: close}, so it
 * closes each connection first; the JDK's {@code java.net.http.HttpClient} sends {@value #REQUESTS} requests, one
 * connection each. Then Tomcat stops (its acceptor may connect to itself to wake up).
 */
public final class TomcatConnectionClose {

    public static final int REQUESTS = 12;
    public static final String BODY = "hello from tomcat\n".repeat(30);
    /** After the last response, and after the stop: time for the kernel sampler's looks. */
    private static final long AFTERMATH_MS = 500;

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "close", new ClosingServlet());
        context.addServletMappingDecoded("/", "close");
        tomcat.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().equals(BODY)) {
                throw new IllegalStateException("unexpected response " + response.statusCode());
            }
        }
        Thread.sleep(AFTERMATH_MS);
        tomcat.stop();
        tomcat.destroy();
        Thread.sleep(AFTERMATH_MS);
        // the JDK 17 HttpClient has no close(); its selector thread would keep nothing alive, Tomcat's might
        System.exit(0);
    }

    /** Every answer says {@code Connection: close}: Tomcat closes the connection after it. */
    static final class ClosingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
            response.setHeader("Connection", "close");
            response.setContentType("text/plain");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
