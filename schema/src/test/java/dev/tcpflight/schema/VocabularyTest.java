package dev.tcpflight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<Class<? extends Vocabulary>> ALL = List.of(TcpState.class, Trigger.class,
            Source.class, Role.class, EndCause.class, SocketApi.class, UnseenReason.class);

    @Test
    void labelsAreDistinctAndFindTheirValue() {
        for (Class<? extends Vocabulary> type : ALL) {
            Vocabulary[] values = type.getEnumConstants();
            Set<String> labels = Arrays.stream(values).map(Vocabulary::label).collect(Collectors.toSet());
            assertEquals(values.length, labels.size(), type.getName());
        }
        for (Trigger trigger : Trigger.values()) {
            assertEquals(Optional.of(trigger), Vocabulary.byLabel(Trigger.class, trigger.label()));
        }
        assertEquals(Optional.of(TcpState.CLOSE_WAIT), TcpState.of("CLOSE_WAIT"));
    }

    @Test
    void aLabelOfANewerAgentIsNotAnError() {
        assertEquals(Optional.empty(), TcpState.of("NEW_SYN_RECV"));
        assertEquals(Optional.empty(), Vocabulary.byLabel(Trigger.class, "quic-migrate"));
    }
}
