package dev.tcpflight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.events.JfrRecorder;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.schema.TcpState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ClassWarmUpTest {

    @Test
    void warmsUpEveryClassOfItsPackagesButTheEvents() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>();
        for (Class<?> member : new Class<?>[] {TcpBridge.class, JfrRecorder.class, ConnectionTracker.class,
            TcpState.class}) {
            PackageClasses.of(member).stream().filter(name -> !name.endsWith("Event")).forEach(expected::add);
        }
        Set<String> warmed = new TreeSet<>();
        for (Class<?> type : ClassWarmUp.classes()) {
            warmed.add(type.getName());
        }
        assertEquals(expected, warmed);
    }
}
