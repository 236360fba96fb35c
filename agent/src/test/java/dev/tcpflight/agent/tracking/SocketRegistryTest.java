package dev.tcpflight.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.TcpState;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SocketRegistryTest {

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final SocketRegistry registry = new SocketRegistry();

    private TrackedSocket socket(Object key) {
        return new TrackedSocket(1, key, key, queue, Role.CLIENT, SocketApi.SOCKET, null, null, TcpState.CLOSED);
    }

    @Test
    void findsByIdentityAndRemovesOnce() {
        Object key = new Object();
        TrackedSocket socket = socket(key);
        assertTrue(registry.add(socket));
        assertFalse(registry.add(socket(key)), "one socket per key");
        assertSame(socket, registry.get(key));
        assertNull(registry.get(new Object()));
        assertTrue(registry.remove(socket));
        assertFalse(registry.remove(socket));
        assertNull(registry.get(key));
        assertEquals(0, registry.size());
    }

    @Test
    void manyKeysShareBucketsCorrectly() {
        List<TrackedSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            TrackedSocket socket = socket(new Object());
            sockets.add(socket);
            assertTrue(registry.add(socket));
        }
        assertEquals(50_000, registry.size());
        for (TrackedSocket socket : sockets) {
            assertSame(socket, registry.get(socket.key));
        }
        for (int i = 0; i < sockets.size(); i += 2) {
            assertTrue(registry.remove(sockets.get(i)));
        }
        for (int i = 0; i < sockets.size(); i++) {
            assertEquals(i % 2 == 1, registry.get(sockets.get(i).key) != null, "socket " + i);
        }
        assertEquals(25_000, registry.size());
    }

    @Test
    void concurrentAddsAndRemovesLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<TrackedSocket>>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kept.add(pool.submit(() -> {
                List<TrackedSocket> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    TrackedSocket socket = socket(new Object());
                    if (!registry.add(socket)) {
                        throw new AssertionError("add failed");
                    }
                    if (i % 4 == 0) {
                        mine.add(socket);
                    } else if (!registry.remove(socket)) {
                        throw new AssertionError("remove failed");
                    }
                }
                return mine;
            }));
        }
        int expected = 0;
        for (Future<List<TrackedSocket>> future : kept) {
            for (TrackedSocket socket : future.get()) {
                assertSame(socket, registry.get(socket.key));
                expected++;
            }
        }
        pool.shutdown();
        assertEquals(expected, registry.size());
    }
}
