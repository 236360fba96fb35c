package dev.tcpflight.cli.recording;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.recording.EventFields.Field;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hands tcpflight events to a {@link ConnectionAssembler} as transitions and connection ends. */
final class EventDecoder {

    private static final List<Field> SOCKET_FIELDS = List.of(new Field(Fields.CONNECTION_ID, "long"),
            Field.text(Fields.ROLE), Field.text(Fields.SOCKET_API), Field.text(Fields.LOCAL_ADDRESS),
            new Field(Fields.LOCAL_PORT, "int"), Field.text(Fields.REMOTE_ADDRESS),
            new Field(Fields.REMOTE_PORT, "int"));
    private static final List<Field> STATE_CHANGE_FIELDS = concat(SOCKET_FIELDS, List.of(
            new Field("eventThread", Thread.class.getName()), new Field("stackTrace", "jdk.types.StackTrace"),
            new Field(Fields.SEQUENCE, "int"), Field.text(Fields.FROM_STATE), Field.text(Fields.TO_STATE),
            Field.text(Fields.TRIGGER), Field.text(Fields.SOURCE), Field.text(Fields.DETAIL)));
    private static final List<Field> CONNECTION_FIELDS = concat(SOCKET_FIELDS, List.of(
            new Field(Fields.BYTES_READ, "long"), new Field(Fields.BYTES_WRITTEN, "long"),
            Field.text(Fields.FINAL_STATE), Field.text(Fields.END_CAUSE)));

    private final Path file;

    EventDecoder(Path file) {
        this.file = file;
    }

    /** Hands {@code event} to {@code assembler}; false when it is not a tcpflight event. */
    boolean decode(EventView event, ConnectionAssembler assembler) throws TcpflightException {
        String type = event.typeName();
        try {
            if (StateChangeEvent.NAME.equals(type)) {
                EventFields.check(event, STATE_CHANGE_FIELDS);
                ConnectionKey key = key(event);
                SocketInfo socket = socket(event, assembler.socketOf(key));
                String via = EventFields.has(event, Fields.VIA_STATE) ? EventFields.word(event, Fields.VIA_STATE) : "";
                if (via.isEmpty()) {
                    assembler.transition(key, transition(event, socket));
                } else {
                    transitions(event, socket, via).forEach(t -> assembler.transition(key, t));
                }
                return true;
            }
            if (ConnectionEvent.NAME.equals(type)) {
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

    private ConnectionKey key(EventView event) {
        return new ConnectionKey(file, event.longValue(Fields.CONNECTION_ID));
    }

    private static Transition transition(EventView e, SocketInfo socket) {
        return new Transition(e.startTime(), e.intValue(Fields.SEQUENCE),
                EventFields.word(e, Fields.FROM_STATE), EventFields.word(e, Fields.TO_STATE),
                EventFields.word(e, Fields.TRIGGER), EventFields.word(e, Fields.SOURCE),
                e.string(Fields.DETAIL), e.threadName(), e.stack(), socket);
    }

    /** The two transitions of one call (a connect, an accept): into the via state at the start, out at the end. */
    private static List<Transition> transitions(EventView e, SocketInfo socket, String via) {
        int sequence = e.intValue(Fields.SEQUENCE);
        String trigger = EventFields.word(e, Fields.TRIGGER);
        String detail = e.string(Fields.DETAIL);
        String thread = e.threadName();
        StackTrace stack = e.stack();
        return List.of(new Transition(e.startTime(), sequence, EventFields.word(e, Fields.FROM_STATE), via,
                        trigger, EventFields.word(e, Fields.VIA_SOURCE), detail, thread, stack, socket),
                new Transition(e.endTime(), sequence + 1, via, EventFields.word(e, Fields.TO_STATE), trigger,
                        EventFields.word(e, Fields.SOURCE), detail, thread, stack, socket));
    }

    private static ConnectionEnd end(EventView e, SocketInfo socket) {
        return new ConnectionEnd(e.startTime(), e.endTime(), e.longValue(Fields.BYTES_READ),
                e.longValue(Fields.BYTES_WRITTEN), EventFields.word(e, Fields.FINAL_STATE),
                EventFields.word(e, Fields.END_CAUSE), socket);
    }

    /**
     * The event's endpoints: {@code previous} (the open connection's as of its latest event) when its ports are the
     * same. Only the ports can change within a connection (the local one is not known before a connect): reading
     * two fields instead of six matters, as each named field read walks the event's fields.
     */
    private static SocketInfo socket(EventView e, SocketInfo previous) {
        int localPort = e.intValue(Fields.LOCAL_PORT);
        int remotePort = e.intValue(Fields.REMOTE_PORT);
        if (previous != null && previous.local().port() == localPort && previous.remote().port() == remotePort) {
            return previous;
        }
        return new SocketInfo(EventFields.word(e, Fields.ROLE), EventFields.word(e, Fields.SOCKET_API),
                new Endpoint(e.string(Fields.LOCAL_ADDRESS), localPort),
                new Endpoint(e.string(Fields.REMOTE_ADDRESS), remotePort));
    }

    private static List<Field> concat(List<Field> first, List<Field> second) {
        List<Field> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }
}
