package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.TcpState;
import java.net.InetSocketAddress;

/**
 * A TCP socket the process had open when the agent was attached, as the operating system listed it.
 *
 * @param fd     its file descriptor number, which the JDK's {@code FileDescriptor} holds
 * @param local  its bound address
 * @param remote its peer (a wildcard address and port 0 for a listener)
 * @param state  its kernel state at the attach
 */
public record OpenSocket(int fd, InetSocketAddress local, InetSocketAddress remote, TcpState state) {
}
