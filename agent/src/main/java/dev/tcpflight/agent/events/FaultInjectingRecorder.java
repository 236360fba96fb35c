package dev.tcpflight.agent.events;

import dev.tcpflight.agent.tracking.TrackedSocket;
import dev.tcpflight.agent.tracking.Transition;
import dev.tcpflight.agent.tracking.TransitionRecorder;
import dev.tcpflight.schema.EndCause;

/**
 * Test-only switch ({@code -Dtcpflight.test.fault=exception|error:ROLE}): the event layer throws for every
 * socket of one role, so tests can prove that the agent's own failures never reach the application and that
 * other sockets are still recorded. Not an agent option: nobody should turn it on by accident.
 */
public final class FaultInjectingRecorder implements TransitionRecorder {

    public static final String PROPERTY = "tcpflight.test.fault";

    private final TransitionRecorder delegate;
    private final boolean throwError;
    private final String role;

    private FaultInjectingRecorder(TransitionRecorder delegate, boolean throwError, String role) {
        this.delegate = delegate;
        this.throwError = throwError;
        this.role = role;
    }

    /** The recorder to use: {@code delegate} itself unless the test switch is set. */
    public static TransitionRecorder wrapIfRequested(TransitionRecorder delegate) {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || !spec.contains(":")) {
            return delegate;
        }
        String[] parts = spec.split(":", 2);
        return new FaultInjectingRecorder(delegate, parts[0].equals("error"), parts[1]);
    }

    @Override
    public void opened(TrackedSocket socket) {
        failFor(socket);
        delegate.opened(socket);
    }

    @Override
    public Object begin() {
        return delegate.begin();
    }

    @Override
    public void transition(TrackedSocket socket, Transition transition, int sequence, String detail, Object begun) {
        failFor(socket);
        delegate.transition(socket, transition, sequence, detail, begun);
    }

    @Override
    public void transitions(TrackedSocket socket, Transition into, Transition onward, int sequence, String detail,
                            Object begun) {
        failFor(socket);
        delegate.transitions(socket, into, onward, sequence, detail, begun);
    }

    @Override
    public void ended(TrackedSocket socket, EndCause cause) {
        failFor(socket);
        delegate.ended(socket, cause);
    }

    private void failFor(TrackedSocket socket) {
        if (socket.role().label().equals(role)) {
            if (throwError) {
                throw new StackOverflowError("injected by " + PROPERTY);
            }
            throw new IllegalStateException("injected by " + PROPERTY);
        }
    }
}
