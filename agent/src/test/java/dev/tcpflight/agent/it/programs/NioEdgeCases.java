package dev.tcpflight.agent.it.programs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Child program: NIO paths that are easy to get wrong. args[0] names the case. */
public final class NioEdgeCases {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "async-close" -> asyncClose();
            case "unix-domain" -> unixDomain();
            case "linger-zero" -> lingerZero();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * A client thread blocks in read; another thread closes the channel under it. The closing thread's close is
     * the client's active close; the blocked reader gets AsynchronousCloseException, which is not a reset.
     */
    private static void asyncClose() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            try (SocketChannel server = listener.accept()) {
                CountDownLatch reading = new CountDownLatch(1);
                Thread reader = new Thread(() -> {
                    try {
                        reading.countDown();
                        client.read(ByteBuffer.allocate(16));
                        throw new IllegalStateException("read returned");
                    } catch (AsynchronousCloseException expected) {
                        // the close below
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "blocked-reader");
                reader.start();
                reading.await(5, TimeUnit.SECONDS);
                while (reader.getState() != Thread.State.RUNNABLE || !isBlockedInRead(reader)) {
                    Thread.sleep(5);
                }
                client.close();
                reader.join(5_000);
                if (server.read(ByteBuffer.allocate(16)) != -1) {
                    throw new IOException("server expected EOF");
                }
            }
        }
    }

    private static boolean isBlockedInRead(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("read") && frame.getClassName().endsWith("SocketChannelImpl")) {
                return true;
            }
        }
        return false;
    }

    /** Unix-domain sockets share the NIO classes with TCP but are not TCP: nothing may be recorded. */
    private static void unixDomain() throws Exception {
        Path dir = Files.createTempDirectory("tcpflight-uds");
        Path socketFile = dir.resolve("s.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socketFile));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socketFile));
                 SocketChannel server = listener.accept()) {
                client.write(ByteBuffer.wrap(new byte[] {1}));
                server.read(ByteBuffer.allocate(1));
                client.shutdownOutput();
                server.read(ByteBuffer.allocate(1));
            }
        } finally {
            Files.deleteIfExists(socketFile);
            Files.delete(dir);
        }
    }

    /**
     * SO_LINGER 0 set through a SocketChannel's own setOption (asynchronous channels do not support it), after the
     * JVM's first close, so the agent has closed a socket before any linger was set: its close sends RST, and the
     * server's read meets it.
     */
    private static void lingerZero() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel orderly = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel server = listener.accept()) {
                orderly.close();
                expectEnd(server, false);
            }
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            try (SocketChannel server = listener.accept()) {
                client.setOption(StandardSocketOptions.SO_LINGER, 0);
                client.write(ByteBuffer.wrap(new byte[] {1}));
                server.read(ByteBuffer.allocate(1));
                client.close();
                expectEnd(server, true);
            }
        }
    }

    /** The server reads to the end: an EOF after an orderly close, or the reset. */
    private static void expectEnd(SocketChannel server, boolean reset) throws IOException {
        try {
            if (server.read(ByteBuffer.allocate(16)) != -1 || reset) {
                throw new IllegalStateException(reset ? "no reset" : "no EOF");
            }
        } catch (IOException e) {
            if (!reset) {
                throw e;
            }
        }
    }
}
