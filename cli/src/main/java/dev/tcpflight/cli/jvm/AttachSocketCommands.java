package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Diagnostic commands through the HotSpot attach listener's Unix socket, exactly as {@code jcmd} sends them
 * (attach protocol version 1, which JDK 17 to 25 accept: "1", "jcmd", the command line and two empty arguments,
 * each NUL-terminated; the answer is a status line, then the command's output).
 *
 * <p>Why not the DiagnosticCommand MBean: a JMX connection is RMI over TCP on loopback, so the tcpflight agent in
 * the target would record tcpflight's own connection into the user's recording. This channel is a Unix socket.
 * The listener must be running: it is once {@code VirtualMachine.attach} has succeeded.
 */
final class AttachSocketCommands implements DiagnosticCommands {

    private static final int PROTOCOL_VERSION = 1;

    private final long pid;
    private final Path socket;

    AttachSocketCommands(long pid, Path socket) {
        this.pid = pid;
        this.socket = socket;
    }

    @Override
    public String execute(String command) throws TcpflightException {
        byte[] reply;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = request(command);
            while (request.hasRemaining()) {
                channel.write(request);
            }
            reply = readAll(channel);
        } catch (IOException e) {
            throw new TcpflightException("lost the connection to JVM " + pid + " while running " + name(command)
                    + ": " + e.getMessage(), e);
        }
        String text = new String(reply, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String status = (newline < 0 ? text : text.substring(0, newline)).strip();
        String output = newline < 0 ? "" : text.substring(newline + 1);
        if (!status.equals("0")) {
            String reason = output.isBlank() ? "status " + status : output.strip().replace('\n', ' ');
            throw new TcpflightException("JVM " + pid + " could not run " + name(command) + ": " + reason);
        }
        return output;
    }

    static ByteBuffer request(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String part : new String[] {Integer.toString(PROTOCOL_VERSION), "jcmd", command, "", ""}) {
            if (part.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("NUL character in a diagnostic command");
            }
            bytes.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            reply.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return reply.toByteArray();
    }

    private static String name(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    @Override
    public void close() {
        // One connection per command: nothing stays open.
    }
}
