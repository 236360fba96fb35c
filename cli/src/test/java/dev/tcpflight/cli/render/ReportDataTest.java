package dev.tcpflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.JsonCheck;
import dev.tcpflight.cli.testing.Timelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's data stays bounded however many connections stream past, and still covers every part of the time. */
class ReportDataTest {

    private static final int CONNECTIONS = 60_000;
    private static final double MILLIS = 60_000;

    @Test
    void beyondTheLimitASampleSpreadOverTimeAndEveryTroubledConnection() {
        ReportData data = new ReportData(Timelines.T0, Timelines.at(MILLIS), Duration.ofSeconds(1));
        for (int i = 0; i < CONNECTIONS; i++) {
            double at = MILLIS * i / CONNECTIONS;
            Timelines.Builder connection = Timelines.connection(i + 1, "client", "127.0.0.1:" + (1024 + i % 60_000),
                    "127.0.0.1:80").at(at, "CLOSED", "SYN_SENT", "connect", "Client.open:1")
                    .at(at + 0.1, "SYN_SENT", "ESTABLISHED", "connect", "Client.open:1");
            data.accept(i % 100 == 0 ? connection.open(MILLIS) // never closed: an anomaly
                    : connection.at(at + 0.5, "ESTABLISHED", "FIN_WAIT_1", "close", "Client.close:2")
                            .ended(at + 0.6, 1, 1, "FIN_WAIT_1", "local-close"));
        }
        Map<?, ?> json = json(data);

        List<?> rows = (List<?>) json.get("rows");
        assertEquals(data.drawnCount(), rows.size());
        assertTrue(rows.size() <= ReportData.MAX_ROWS + ReportData.MAX_TROUBLED, rows.size() + " rows");
        long troubled = rows.stream().filter(r -> !((List<?>) ((Map<?, ?>) r).get("anomalies")).isEmpty()).count();
        assertEquals(CONNECTIONS / 100, troubled, "every connection never closed is drawn");
        int[] perTenth = new int[10];
        for (Object row : rows) {
            double start = ((Number) ((List<?>) ((List<?>) ((Map<?, ?>) row).get("spans")).get(0)).get(1))
                    .doubleValue();
            perTenth[(int) Math.min(9, start / (MILLIS * 100))]++;
        }
        for (int count : perTenth) {
            assertTrue(count >= ReportData.MAX_ROWS / 10, "each tenth of the time has its share: "
                    + java.util.Arrays.toString(perTenth));
        }
        List<?> established = (List<?>) ((Map<?, ?>) json.get("overview")).get("ESTABLISHED");
        assertEquals(ReportData.BUCKETS, established.size());
        long counted = established.stream().mapToLong(n -> ((Number) n).longValue()).sum();
        assertTrue(counted >= CONNECTIONS, "the overview counts every connection: " + counted);
        assertEquals((double) CONNECTIONS, ((Number) json.get("connections")).doubleValue());
    }

    private static Map<?, ?> json(ReportData data) {
        StringWriter out = new StringWriter();
        data.write(new PrintWriter(out));
        return (Map<?, ?>) JsonCheck.parse(out.toString());
    }
}
