package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.Timelines;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarliestConnectionsTest {

    @Test
    void keepsTheFirstToStartWhateverTheOrderTheyComeIn() {
        EarliestConnections earliest = new EarliestConnections(2);
        List<ConnectionTimeline> model = Timelines.handshakeAndClose();
        List.of(model.get(3), model.get(1), model.get(2), model.get(0)).forEach(earliest);

        assertEquals(List.of(1L, 2L), earliest.inOrderOfStart().stream().map(ConnectionTimeline::id).toList());
        assertEquals(4, earliest.offered());
    }
}
