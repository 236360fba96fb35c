package dev.tcpflight.demo;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The other side of a conversation on its own named thread (the name shows in JFR stack traces). */
final class Peer {

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface SocketBody {
        void run(Socket socket) throws Exception;
    }

    /** Longer than any socket timeout, so that a stuck peer fails with its own, more telling, exception first. */
    private static final long JOIN_TIMEOUT_MS = 3L * Loopback.TIMEOUT_MS;

    private final Thread thread;
    private volatile Throwable failure;

    private Peer(String name, Body body) {
        thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "tcpflight-demo-" + name);
        thread.setDaemon(true); // a stuck peer must never keep the JVM alive
    }

    static Peer start(String name, Body body) {
        Peer peer = new Peer(name, body);
        peer.thread.start();
        return peer;
    }

    /** A "server" peer that accepts one connection, runs {@code body} on it, then closes it. */
    static Peer serveOne(ServerSocket listener, SocketBody body) {
        return start("server", () -> {
            try (Socket socket = Loopback.accept(listener)) {
                body.run(socket);
            }
        });
    }

    /** Waits for the peer to finish; rethrows, wrapped, whatever it threw. */
    void join() throws InterruptedException, ExecutionException, TimeoutException {
        thread.join(JOIN_TIMEOUT_MS);
        if (thread.isAlive()) {
            throw new TimeoutException(thread.getName() + " still running after " + JOIN_TIMEOUT_MS + " ms");
        }
        if (failure != null) {
            throw new ExecutionException(thread.getName() + " failed: " + failure, failure);
        }
    }
}
