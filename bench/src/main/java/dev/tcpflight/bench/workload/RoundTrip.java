package dev.tcpflight.bench.workload;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The client end of one connection: sends a fixed-size message and reads the whole echo back. */
interface RoundTrip extends Closeable {

    void exchange() throws IOException;

    /** A {@code java.net.Socket} client. */
    static SocketClient socket(InetSocketAddress server, int size) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server);
        return new SocketClient(socket, socket.getOutputStream(), socket.getInputStream(), new byte[size]);
    }

    /** A blocking {@code SocketChannel} client. */
    static RoundTrip channel(InetSocketAddress server, int size) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new ChannelClient(channel, ByteBuffer.allocateDirect(size));
    }

    record SocketClient(Socket socket, OutputStream out, InputStream in, byte[] message) implements RoundTrip {
        @Override
        public void exchange() throws IOException {
            out.write(message);
            if (in.readNBytes(message, 0, message.length) < message.length) {
                throw new EOFException("the server closed during an echo");
            }
        }

        /** Reads the server's FIN: true when the server closed first. */
        boolean serverClosed() throws IOException {
            return in.read() == -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    record ChannelClient(SocketChannel channel, ByteBuffer message) implements RoundTrip {
        @Override
        public void exchange() throws IOException {
            message.clear();
            while (message.hasRemaining()) {
                channel.write(message);
            }
            message.clear();
            while (message.hasRemaining()) {
                if (channel.read(message) < 0) {
                    throw new EOFException("the server closed during an echo");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
