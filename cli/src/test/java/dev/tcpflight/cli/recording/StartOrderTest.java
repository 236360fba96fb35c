package dev.tcpflight.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.Timelines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    @Test
    void withinCapacityTheOrderOfStartIsExact() {
        List<Long> printed = new ArrayList<>();
        StartOrder order = new StartOrder(4, timeline -> printed.add(timeline.id()));
        List<ConnectionTimeline> model = Timelines.handshakeAndClose();
        List.of(model.get(3), model.get(1), model.get(2), model.get(0)).forEach(order);

        assertEquals(List.of(), printed, "nothing handed on before the stream ends");
        order.flush();
        assertEquals(List.of(1L, 2L, 3L, 4L), printed);
    }

    @Test
    void beyondCapacityTheEarliestHeldMakesRoom() {
        List<Long> printed = new ArrayList<>();
        StartOrder order = new StartOrder(2, timeline -> printed.add(timeline.id()));
        List<ConnectionTimeline> model = Timelines.handshakeAndClose();
        List.of(model.get(2), model.get(1), model.get(3)).forEach(order);

        assertEquals(List.of(2L), printed, "never more than 2 held");
        order.accept(model.get(0)); // started first, came last: out of order, as documented
        order.flush();
        assertEquals(List.of(2L, 1L, 3L, 4L), printed);
    }
}
