package dev.tcpflight.demo;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plumbing shared by the scenarios: every socket is on 127.0.0.1 and every blocking call has a timeout. */
final class Loopback {

    /** 127.0.0.1 literally: {@code InetAddress.getLoopbackAddress()} is ::1 when IPv6 is preferred. */
    static final InetAddress ADDRESS = ipv4Loopback();

    /** Bound of any single blocking call; a healthy scenario never gets near it. */
    static final int TIMEOUT_MS = 2_000;

    private static final int DEFAULT_BACKLOG = 50;

    private Loopback() {
    }

    /** A listener on an OS-chosen port. */
    static ServerSocket listen() throws IOException {
        return listen(DEFAULT_BACKLOG);
    }

    static ServerSocket listen(int backlog) throws IOException {
        ServerSocket listener = new ServerSocket(0, backlog, ADDRESS);
        listener.setSoTimeout(TIMEOUT_MS);
        return listener;
    }

    static InetSocketAddress address(ServerSocket listener) {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** "127.0.0.1:41234", for the teaching lines. */
    static String endpoint(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }

    static Socket connect(InetSocketAddress remote) throws IOException {
        return connect(remote, TIMEOUT_MS);
    }

    /** Connects a new socket; closes it again when the connect fails. */
    static Socket connect(InetSocketAddress remote, int connectTimeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(remote, connectTimeoutMs);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Accepts one connection; an accepted socket does not inherit the listener's timeout, so it gets its own. */
    static Socket accept(ServerSocket listener) throws IOException {
        Socket socket = listener.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads exactly the length of {@code expected} and checks it. Never reads further: a socket closed with unread
     * data sends RST instead of FIN, which would change the scenario.
     */
    static String receive(Socket socket, String expected) throws IOException {
        byte[] data = new byte[expected.length()];
        int n = socket.getInputStream().readNBytes(data, 0, data.length);
        if (n < data.length) {
            throw new EOFException("peer closed after " + n + " of " + data.length + " bytes");
        }
        return checked(expected, new String(data, StandardCharsets.US_ASCII));
    }

    /** Reads until read() returns -1 (the peer's FIN) and checks what came before it. */
    static String receiveToEof(Socket socket, String expected) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        for (int n; (n = in.read(buffer)) != -1; ) {
            data.write(buffer, 0, n);
        }
        return checked(expected, data.toString(StandardCharsets.US_ASCII));
    }

    static void await(CountDownLatch latch) throws InterruptedException, TimeoutException {
        if (!latch.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("the other side never reached the rendezvous");
        }
    }

    static void await(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException, TimeoutException {
        barrier.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** The result of {@code future}, which must complete within the bound; its failure comes wrapped. */
    static <T> T await(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Returns {@code actual} when it equals {@code expected}; the scenarios never go on with unexpected data. */
    static String checked(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected '" + expected + "' but read '" + actual + "'");
        }
        return actual;
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
