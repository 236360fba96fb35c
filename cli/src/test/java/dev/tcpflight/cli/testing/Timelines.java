package dev.tcpflight.cli.testing;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionKey;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.recording.StackTrace;
import dev.tcpflight.cli.recording.Transition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Connections built in memory at exact times (milliseconds after {@link #T0}), for exact expected outputs. */
public final class Timelines {

    public static final Instant T0 = Instant.parse("2025-01-31T10:15:30Z");

    private Timelines() {
    }

    public static Instant at(double millis) {
        return T0.plusNanos(Math.round(millis * 1_000_000));
    }

    public static Builder connection(long id, String role, String local, String remote) {
        return new Builder(id, role, endpoint(local), endpoint(remote));
    }

    /** {@code 127.0.0.1:5000}, {@code [::1]:80}, or {@code *:*} for a listener's remote end. */
    public static Endpoint endpoint(String text) {
        if (text.equals("*:*")) {
            return new Endpoint("", 0);
        }
        int colon = text.lastIndexOf(':');
        return new Endpoint(text.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(text.substring(colon + 1)));
    }

    /** The FakeApp's handshake-and-close at round times: a listener, a client, its server end, a refused client. */
    public static List<ConnectionTimeline> handshakeAndClose() {
        return List.of(
                connection(1, "listener", "127.0.0.1:5000", "*:*").api("java.net.ServerSocket")
                        .at(0, "CLOSED", "LISTEN", "listen", "Main.listen:10")
                        .at(10, "LISTEN", "CLOSED", "close", "Main.main:30").ended(10, 0, 0, "CLOSED", "local-close"),
                connection(2, "client", "127.0.0.1:50123", "127.0.0.1:5000")
                        .at(1, "CLOSED", "SYN_SENT", "connect", "Client.connect:20")
                        .at(1.5, "SYN_SENT", "ESTABLISHED", "connect", "Client.connect:20")
                        .at(6, "ESTABLISHED", "FIN_WAIT_1", "close", "Client.run:25")
                        .ended(6.1, 5, 5, "FIN_WAIT_1", "local-close"),
                connection(3, "server", "127.0.0.1:5000", "127.0.0.1:50123")
                        .inferred().at(2, "LISTEN", "SYN_RECEIVED", "accept", "Server.accept:40")
                        .at(2, "SYN_RECEIVED", "ESTABLISHED", "accept", "Server.accept:40")
                        .at(7, "ESTABLISHED", "CLOSE_WAIT", "read-eof", "Server.echo:50")
                        .at(8, "CLOSE_WAIT", "LAST_ACK", "close", "Server.echo:55")
                        .ended(8, 5, 5, "LAST_ACK", "peer-close"),
                connection(4, "client", "127.0.0.1:0", "127.0.0.1:1").api("SocketChannel")
                        .at(9, "CLOSED", "SYN_SENT", "connect", "Client.probe:60")
                        .at(9.5, "SYN_SENT", "CLOSED", "connect-refused", "Client.probe:60")
                        .detail("java.net.ConnectException: Connection refused")
                        .ended(9.5, 0, 0, "CLOSED", "refused"));
    }

    public static final class Builder {
        private final long id;
        private final String role;
        private final Endpoint local;
        private final Endpoint remote;
        private final List<Transition> transitions = new ArrayList<>();
        private String recording = "app.jfr";
        private String api = "java.net.Socket";
        private String source = "api";

        private Builder(long id, String role, Endpoint local, Endpoint remote) {
            this.id = id;
            this.role = role;
            this.local = local;
            this.remote = remote;
        }

        public Builder recording(String file) {
            recording = file;
            return this;
        }

        public Builder api(String socketApi) {
            api = socketApi;
            return this;
        }

        /** The next transition's source is "inferred" (then "api" again). */
        public Builder inferred() {
            source = "inferred";
            return this;
        }

        public Builder at(double millis, String from, String to, String trigger, String frame) {
            transitions.add(new Transition(Timelines.at(millis), transitions.size() + 1, from, to, trigger, source, "",
                    "main", frame.isEmpty() ? StackTrace.NONE : new StackTrace(frame, List.of(frame)), socket()));
            source = "api";
            return this;
        }

        /** The detail of the last transition. */
        public Builder detail(String detail) {
            Transition t = transitions.remove(transitions.size() - 1);
            transitions.add(new Transition(t.time(), t.sequence(), t.fromState(), t.toState(), t.trigger(),
                    t.source(), detail, t.thread(), t.stack(), t.socket()));
            return this;
        }

        public ConnectionTimeline ended(double millis, long read, long written, String finalState, String cause) {
            Instant start = transitions.get(0).time();
            ConnectionEnd end = new ConnectionEnd(start, Timelines.at(millis), read, written,
                    finalState, cause, socket());
            return new ConnectionTimeline(key(), transitions, Optional.of(end), end.end());
        }

        /** Still open when the recording ended, at {@code millis}. */
        public ConnectionTimeline open(double recordingEndMillis) {
            return new ConnectionTimeline(key(), transitions, Optional.empty(), Timelines.at(recordingEndMillis));
        }

        private ConnectionKey key() {
            return new ConnectionKey(Path.of(recording), id);
        }

        private SocketInfo socket() {
            return new SocketInfo(role, api, local, remote);
        }
    }
}
