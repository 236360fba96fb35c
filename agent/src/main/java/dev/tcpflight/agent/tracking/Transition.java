package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;

/** One step of a connection from one state to another, with what caused it and how it is known. */
public record Transition(TcpState from, TcpState to, Trigger trigger, Source source) {
}
