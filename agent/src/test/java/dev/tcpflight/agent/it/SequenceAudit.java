package dev.tcpflight.agent.it;

import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Streams a large recording and checks every connection's transitions without keeping the events: each must
 * continue from the previous one's state, with sequence numbers 1, 2, 3... and no duplicates.
 */
final class SequenceAudit {

    /** Per connection: the sequence number and state expected next, and its role. */
    private static final class Chain {
        String role;
        String state = null;
        int sequence;
        int transitions;
    }

    final Map<String, Integer> connectionsByRole = new TreeMap<>();
    final Map<String, Integer> endCauses = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    long lastTrackedCount = -1;
    long lastAgentErrors = -1;
    int transitions;

    static SequenceAudit of(Path recording) throws IOException {
        SequenceAudit audit = new SequenceAudit();
        Map<Long, Chain> chains = new HashMap<>();
        List<RecordedEvent> outOfOrder = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case StateChangeEvent.NAME -> {
                        if (!audit.accept(chains, event)) {
                            outOfOrder.add(event); // committed by another thread before its predecessor
                        }
                    }
                    case ConnectionEvent.NAME -> audit.endCauses.merge(event.getString(Fields.END_CAUSE), 1,
                            Integer::sum);
                    case "jdk.DataLoss" -> audit.problems.add("JFR lost " + event.getLong("amount")
                            + " bytes of events (its buffers overflowed; not the agent's doing)");
                    case SocketStatesEvent.NAME -> {
                        audit.lastTrackedCount = event.getInt(Fields.TRACKED);
                        audit.lastAgentErrors = event.getLong(Fields.AGENT_ERRORS);
                    }
                    default -> { }
                }
            }
        }
        outOfOrder.sort((a, b) -> Integer.compare(a.getInt(Fields.SEQUENCE), b.getInt(Fields.SEQUENCE)));
        for (RecordedEvent event : outOfOrder) {
            if (!audit.accept(chains, event)) {
                audit.problems.add("connection " + event.getLong(Fields.CONNECTION_ID) + ": sequence "
                        + event.getInt(Fields.SEQUENCE) + " " + event.getString(Fields.FROM_STATE) + ">"
                        + event.getString(Fields.TO_STATE) + " does not continue its chain");
            }
        }
        chains.values().forEach(c -> audit.connectionsByRole.merge(c.role, 1, Integer::sum));
        return audit;
    }

    private boolean accept(Map<Long, Chain> chains, RecordedEvent event) {
        Chain chain = chains.computeIfAbsent(event.getLong(Fields.CONNECTION_ID), id -> new Chain());
        chain.role = event.getString(Fields.ROLE);
        int sequence = event.getInt(Fields.SEQUENCE);
        String from = event.getString(Fields.FROM_STATE);
        boolean first = chain.transitions == 0;
        if (sequence != chain.sequence + 1 || !first && !from.equals(chain.state)) {
            return false;
        }
        // an event with a via state holds two transitions, this sequence number and the next
        String via = event.getString(Fields.VIA_STATE);
        int held = via == null || via.isEmpty() ? 1 : 2;
        chain.state = event.getString(Fields.TO_STATE);
        chain.sequence = sequence + held - 1;
        chain.transitions += held;
        transitions += held;
        return true;
    }
}
