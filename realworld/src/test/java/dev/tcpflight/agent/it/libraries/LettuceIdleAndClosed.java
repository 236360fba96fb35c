package dev.tcpflight.agent.it.libraries;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child program: Lettuce (Netty) against the redis-server on 127.0.0.1:{@code args[0]}, which closes clients
 * idle for a second. No auto-reconnect, so each connection is one socket. The first connection does SET and GET,
 * then stays idle until Redis closes it and Lettuce sees the channel inactive (at most
 * {@value #IDLE_CLOSE_WAIT_S} s); a second one does the same, then the client closes it at once. Prints the
 * client port Redis saw for each ({@code redis-idle-port N}, {@code redis-closed-port N}).
 */
public final class LettuceIdleAndClosed {

    private static final long IDLE_CLOSE_WAIT_S = 5;
    /** After the client's close: time for the kernel sampler to see its end in FIN_WAIT_2 or TIME_WAIT. */
    private static final long AFTERMATH_MS = 1_000;
    private static final Pattern ADDR = Pattern.compile("\\baddr=[^ ]*:(\\d+)");

    public static void main(String[] args) throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", Integer.parseInt(args[0])));
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
        CountDownLatch inactive = new CountDownLatch(1);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                inactive.countDown();
            }
        });
        try {
            StatefulRedisConnection<String, String> idle = client.connect();
            System.out.println("redis-idle-port " + setGetAndPort(idle.sync(), "idle"));
            if (!inactive.await(IDLE_CLOSE_WAIT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Redis did not close the idle connection in " + IDLE_CLOSE_WAIT_S
                        + " s");
            }
            idle.close(); // the channel is closed already: nothing more on the wire

            StatefulRedisConnection<String, String> closed = client.connect();
            System.out.println("redis-closed-port " + setGetAndPort(closed.sync(), "closed"));
            closed.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        Thread.sleep(AFTERMATH_MS);
    }

    /** SET and GET a key, then the connection's client port as Redis has it. */
    private static int setGetAndPort(RedisCommands<String, String> redis, String key) {
        redis.set(key, "value of " + key);
        if (!("value of " + key).equals(redis.get(key))) {
            throw new IllegalStateException("GET " + key + ": " + redis.get(key));
        }
        Matcher addr = ADDR.matcher(redis.clientInfo());
        if (!addr.find()) {
            throw new IllegalStateException("no addr in CLIENT INFO");
        }
        return Integer.parseInt(addr.group(1));
    }
}
