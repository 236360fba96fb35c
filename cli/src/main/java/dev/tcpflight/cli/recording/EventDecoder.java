package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.EventFields.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Hands tcpflight events to a {@link ConnectionAssembler} as transitions and connection ends, deriving what a
 * chunk's constants have in common once: told when a chunk ends, it forgets them.
 */
final class EventDecoder {

    private static final String STATE_CHANGE = "tcpflight.StateChange";
    private static final String CONNECTION = "tcpflight.Connection";
    private static final List<Field> SOCKET_FIELDS = List.of(new Field("connectionId", "long"),
            Field.text("role"), Field.text("socketApi"), Field.text("localAddress"), new Field("localPort", "int"),
            Field.text("remoteAddress"), new Field("remotePort", "int"));
    private static final List<Field> STATE_CHANGE_FIELDS = concat(SOCKET_FIELDS, List.of(
            new Field("eventThread", Thread.class.getName()), new Field("stackTrace", "jdk.types.StackTrace"),
            new Field("sequence", "int"),
            Field.text("fromState"), Field.text("toState"), Field.text("trigger"), Field.text("source"),
            Field.text("detail")));
    private static final List<Field> CONNECTION_FIELDS = concat(SOCKET_FIELDS, List.of(new Field("bytesRead", "long"),
            new Field("bytesWritten", "long"), Field.text("finalState"), Field.text("endCause")));

    private final Path file;
    private final ChunkConstants constants = new ChunkConstants();

    EventDecoder(Path file) {
        this.file = file;
    }

    /** The JDK's parser makes new constant objects for the next chunk: what was derived from these is stale. */
    void endOfChunk() {
        constants.clear();
    }

    /** Hands {@code event} to {@code assembler}; false when it is not a tcpflight event. */
    boolean decode(RecordedEvent event, ConnectionAssembler assembler) throws TcpflightException {
        String type = event.getEventType().getName();
        try {
            if (STATE_CHANGE.equals(type)) {
                EventFields.check(event, STATE_CHANGE_FIELDS);
                ConnectionKey key = key(event);
                assembler.transition(key, transition(event, socket(event, assembler.socketOf(key))));
                return true;
            }
            if (CONNECTION.equals(type)) {
                EventFields.check(event, CONNECTION_FIELDS);
                ConnectionKey key = key(event);
                assembler.end(key, end(event, socket(event, assembler.socketOf(key))));
                return true;
            }
            return false;
        } catch (TcpflightException e) {
            throw new TcpflightException(file + ": " + e.getMessage(), e);
        }
    }

    private ConnectionKey key(RecordedEvent event) {
        return new ConnectionKey(file, EventFields.longValue(event, "connectionId"));
    }

    private Transition transition(RecordedEvent e, SocketInfo socket) {
        return new Transition(e.getStartTime(), EventFields.intValue(e, "sequence"),
                EventFields.word(e, "fromState"), EventFields.word(e, "toState"),
                EventFields.word(e, "trigger"), EventFields.word(e, "source"), EventFields.string(e, "detail"),
                constants.threadName((RecordedThread) e.getValue("eventThread")),
                constants.topApplicationFrame((RecordedStackTrace) e.getValue("stackTrace")), socket);
    }

    private static ConnectionEnd end(RecordedEvent e, SocketInfo socket) {
        return new ConnectionEnd(e.getStartTime(), e.getEndTime(), EventFields.longValue(e, "bytesRead"),
                EventFields.longValue(e, "bytesWritten"), EventFields.word(e, "finalState"),
                EventFields.word(e, "endCause"), socket);
    }

    /**
     * The event's endpoints: {@code previous} (the open connection's as of its latest event) when its ports are the
     * same. Only the ports can change within a connection (the local one is not known before a connect): reading
     * two fields instead of six matters, as each named field read walks the event's fields.
     */
    private static SocketInfo socket(RecordedEvent e, SocketInfo previous) {
        int localPort = EventFields.intValue(e, "localPort");
        int remotePort = EventFields.intValue(e, "remotePort");
        if (previous != null && previous.local().port() == localPort && previous.remote().port() == remotePort) {
            return previous;
        }
        return new SocketInfo(EventFields.word(e, "role"), EventFields.word(e, "socketApi"),
                new Endpoint(EventFields.string(e, "localAddress"), localPort),
                new Endpoint(EventFields.string(e, "remoteAddress"), remotePort));
    }

    private static List<Field> concat(List<Field> first, List<Field> second) {
        List<Field> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }
}
