package dev.tcpflight.agent.tracking;

/** One step of a connection from one state to another, with what caused it and how it is known. */
public record Transition(TcpState from, TcpState to, String trigger, Source source) {
}
