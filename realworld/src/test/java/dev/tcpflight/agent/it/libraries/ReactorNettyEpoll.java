package dev.tcpflight.agent.it.libraries;

import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Child program: a reactor-netty HTTP server and client as WebFlux runs them, on reactor-netty's default loops (Netty's
 * native epoll transport whenever its jar is on the class path, as reactor-netty-core's pom has it on Linux). The
 * client's pool holds one connection: {@value #KEEP_ALIVE} requests share it, then one asks {@code Connection: close}
 * (the server answers so and closes; the client closes too once it has the answer), then {@value #KEEP_ALIVE} more on
 * a second pooled connection, which the pool's disposal closes first. Prints the transport reactor-netty chose, the
 * channel classes, the listener's port and each request's local port.
 */
public final class ReactorNettyEpoll {

    public static final int KEEP_ALIVE = 3;
    public static final String BODY = "hello from reactor-netty\n".repeat(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** After the closes: time for the kernel sampler to see the ends leave the table or reach TIME_WAIT. */
    private static final long AFTERMATH_MS = 500;

    public static void main(String[] args) throws Exception {
        System.out.println("epoll-available " + Epoll.isAvailable());
        // reactor-netty's own choice (reactor.netty.native, true unless set) and whether a native transport loaded
        System.out.println("reactor-netty native " + LoopResources.DEFAULT_NATIVE + " supported "
                + LoopResources.hasNativeSupport());
        CountDownLatch serverEndsClosed = new CountDownLatch(2);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, remote) -> {
                    System.out.println("server-channel " + channel.getClass().getName());
                    channel.closeFuture().addListener(closed -> serverEndsClosed.countDown());
                })
                .handle((request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                        .sendString(Mono.just(BODY)))
                .bindNow(TIMEOUT);
        System.out.println("listener-channel " + server.channel().getClass().getName());
        System.out.println("server-port " + server.port());
        ConnectionProvider pool = ConnectionProvider.builder("tcpflight").maxConnections(1)
                .pendingAcquireTimeout(TIMEOUT).build();
        HttpClient client = HttpClient.create(pool)
                .remoteAddress(() -> new InetSocketAddress("127.0.0.1", server.port()))
                .doOnChannelInit((observer, channel, remote) ->
                        System.out.println("client-channel " + channel.getClass().getName()));
        int request = 0;
        for (int i = 0; i < KEEP_ALIVE; i++) {
            get(client, ++request, false);
        }
        get(client, ++request, true);
        for (int i = 0; i < KEEP_ALIVE; i++) {
            get(client, ++request, false);
        }
        Thread.sleep(AFTERMATH_MS);
        pool.disposeLater().block(TIMEOUT); // closes the idle pooled connection: the client's FIN first
        if (!serverEndsClosed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the server did not close both its connections");
        }
        Thread.sleep(AFTERMATH_MS);
        server.disposeNow(TIMEOUT);
        HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, Duration.ofSeconds(2)).block(TIMEOUT);
        Thread.sleep(AFTERMATH_MS);
    }

    /** One GET; prints {@code request N keep-alive|close local-port P connection HEADER}. */
    private static void get(HttpClient client, int number, boolean close) {
        String line = client.headers(headers -> {
            if (close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }).get().uri("/").responseConnection((response, connection) -> connection.inbound().receive().aggregate()
                .asString().map(body -> {
                    if (response.status().code() != 200 || !body.equals(BODY)) {
                        throw new IllegalStateException("unexpected response " + response.status() + ": " + body);
                    }
                    return "request " + number + (close ? " close" : " keep-alive") + " local-port "
                            + ((InetSocketAddress) connection.channel().localAddress()).getPort() + " connection "
                            + response.responseHeaders().get(HttpHeaderNames.CONNECTION);
                })).single().block(TIMEOUT);
        System.out.println(line);
    }
}
