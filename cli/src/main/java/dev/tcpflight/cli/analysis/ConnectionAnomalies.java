package dev.tcpflight.cli.analysis;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.StateSpan;
import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.schema.EndCause;
import dev.tcpflight.schema.Role;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The anomalies one connection shows by itself (a pile-up needs many: {@link PileupDetector}). */
public final class ConnectionAnomalies {

    private final ConnectionTimeline connection;
    private final List<Anomaly> found = new ArrayList<>();

    private ConnectionAnomalies(ConnectionTimeline connection) {
        this.connection = connection;
    }

    public static List<Anomaly> of(ConnectionTimeline connection, Duration closeWaitThreshold) {
        ConnectionAnomalies anomalies = new ConnectionAnomalies(connection);
        boolean closeWait = anomalies.closeWait(closeWaitThreshold);
        // A socket held in CLOSE_WAIT until the end is also never closed or leaked: say it once, the precise way.
        if (anomalies.leaked() && !closeWait) {
            anomalies.add(AnomalyKind.LEAKED, anomalies.openedAt(), "garbage-collected without close() in "
                    + connection.finalState() + ", " + anomalies.lifetime() + " after it opened");
        }
        if (connection.openAtEnd() && !closeWait && !connection.socket().is(Role.LISTENER)) {
            anomalies.add(AnomalyKind.NEVER_CLOSED, anomalies.openedAt(), "still open in "
                    + connection.finalState() + " when the recording ended, " + anomalies.lifetime()
                    + " after it opened");
        }
        anomalies.failures();
        return anomalies.found;
    }

    private boolean closeWait(Duration threshold) {
        List<StateSpan> spans = connection.spans();
        boolean reported = false;
        for (int i = 0; i < spans.size(); i++) {
            StateSpan span = spans.get(i);
            String evidence = span.state().equals(TcpState.CLOSE_WAIT.name())
                    ? closeWaitEvidence(span, i == spans.size() - 1, threshold) : null;
            if (evidence != null) {
                addCloseWait(span, evidence);
                reported = true;
            }
        }
        return reported;
    }

    /**
     * Points at the code to fix: where the EOF was read; or, for a FIN the application never read (found by the
     * agent in the kernel), the call that found it, else the one that last moved the connection (its opening).
     */
    private void addCloseWait(StateSpan span, String evidence) {
        Transition entered = span.enteredBy();
        if (!entered.is(Trigger.FIN_FOUND)) {
            add(AnomalyKind.CLOSE_WAIT, entered.topFrame(), evidence + " (EOF read here)");
            return;
        }
        if (!entered.topFrame().isEmpty()) {
            add(AnomalyKind.CLOSE_WAIT, entered.topFrame(), evidence + " (peer's FIN never read; found here)");
            return;
        }
        int at = connection.transitions().indexOf(entered);
        String opened = at > 0 ? connection.transitions().get(at - 1).topFrame() : "";
        add(AnomalyKind.CLOSE_WAIT, opened, evidence + " (peer's FIN never read; connection opened here)");
    }

    /** Why this CLOSE_WAIT is a problem, or null if it is not one. */
    private String closeWaitEvidence(StateSpan span, boolean last, Duration threshold) {
        boolean neverClosed = last && connection.openAtEnd();
        boolean leaked = last && leaked();
        if (!neverClosed && !leaked && span.duration().compareTo(threshold) <= 0) {
            return null; // the usual case: text is only built for an anomaly
        }
        String held = "in CLOSE_WAIT for " + Durations.human(span.duration());
        if (neverClosed) {
            return held + " until the recording ended, never closed";
        }
        return leaked ? held + ", then garbage-collected without close()" : held + " before close()" + closedAt(span);
    }

    private String closedAt(StateSpan span) {
        int next = connection.transitions().indexOf(span.enteredBy()) + 1;
        String frame = next < connection.transitions().size() ? connection.transitions().get(next).topFrame() : "";
        return frame.isEmpty() ? "" : " at " + frame;
    }

    private void failures() {
        List<Transition> transitions = connection.transitions();
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            if (t.resetSent()) {
                add(AnomalyKind.RESET, t.topFrame(), "RST sent in " + t.fromState() + " (" + t.detail() + ")");
            } else if (t.resetReceived()) {
                add(AnomalyKind.RESET, t.topFrame(), "RST received in " + t.fromState() + detail(t));
            } else if (t.is(Trigger.CONNECT_REFUSED)) {
                add(AnomalyKind.REFUSED, t.topFrame(), "connect to " + remote() + " refused" + detail(t));
            } else if (t.is(Trigger.CONNECT_TIMEOUT)) {
                add(AnomalyKind.CONNECT_TIMEOUT, t.topFrame(), "no answer from " + remote() + (i == 0 ? ""
                        : " after " + Durations.human(Duration.between(transitions.get(i - 1).time(), t.time())))
                        + detail(t));
            } else if (t.is(Trigger.CONNECT_FAILED)) {
                add(AnomalyKind.CONNECT_FAILED, t.topFrame(), "connect to " + remote() + " failed" + detail(t));
            }
        }
    }

    private String remote() {
        return connection.socket().remote().toString();
    }

    private static String detail(Transition t) {
        return t.detail().isEmpty() ? "" : ": " + t.detail();
    }

    private boolean leaked() {
        return connection.end().map(ConnectionEnd::endCause).filter(EndCause.LEAKED.label()::equals).isPresent();
    }

    private String openedAt() {
        return connection.transitions().isEmpty() ? "" : connection.transitions().get(0).topFrame();
    }

    private String lifetime() {
        return Durations.human(Duration.between(connection.start(), connection.until()));
    }

    private void add(AnomalyKind kind, String location, String evidence) {
        found.add(new Anomaly(kind, location, connection.key(), connection.socket(), evidence));
    }
}
