package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: how late the periodic look stamps a FIN nobody reads, from a recording of
 * {@code programs.FinFoundLag}: for each client, its {@code fin-found} CLOSE_WAIT minus its peer's close (the
 * application's own close call, stamped as the FIN leaves). Prints the quantiles in milliseconds.
 * <pre>
 * java -javaagent:agent/target/tcpflight-agent.jar \
 *      -XX:StartFlightRecording:filename=lag.jfr,settings=agent/target/tcpflight.jfc \
 *      -cp agent/target/test-classes dev.tcpflight.agent.it.programs.FinFoundLag 200
 * java -cp agent/target/test-classes:schema/target/classes dev.tcpflight.agent.it.FinFoundLagMeasure lag.jfr
 * </pre>
 */
public final class FinFoundLagMeasure {

    public static void main(String[] args) throws Exception {
        RecordedConnections recorded = RecordedConnections.read(Path.of(args[0]));
        Map<String, Connection> serverByRemote = new HashMap<>();
        for (Connection server : recorded.withRole("server")) {
            serverByRemote.put(server.remote(), server);
        }
        List<Double> lags = new ArrayList<>();
        for (Connection client : recorded.withRole("client")) {
            Connection server = serverByRemote.get(client.local());
            var found = client.transitions().stream().filter(e -> e.getString(Fields.TRIGGER)
                    .equals(Trigger.FIN_FOUND.label())).findFirst();
            if (server == null || found.isEmpty()) {
                continue;
            }
            Duration lag = Duration.between(server.transitionTo(TcpState.FIN_WAIT_1.name()).getStartTime(),
                    found.get().getStartTime());
            lags.add(lag.toNanos() / 1e6);
        }
        lags.sort(Double::compare);
        System.out.printf("fin-found lag over %d connections (%d clients): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", lags.size(), recorded.withRole("client").size(), quantile(lags, 0.5),
                quantile(lags, 0.9), quantile(lags, 0.99), lags.get(lags.size() - 1));
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
