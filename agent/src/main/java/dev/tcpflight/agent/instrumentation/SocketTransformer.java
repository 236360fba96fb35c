package dev.tcpflight.agent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

/**
 * Installs every {@link SocketInstrumentation} with one Byte Buddy {@link AgentBuilder}. Retransformation
 * without class-format changes: the JDK classes are usually loaded already, and JDK 17 re-transforms socket
 * classes itself whenever a JFR recording starts, so the same advice must be applied again each time.
 * A hook whose method is missing on the running JDK is reported, never skipped silently.
 */
public final class SocketTransformer {

    private final List<SocketInstrumentation> instrumentations;
    private final ClassFileLocator adviceLocator;
    private final PrintStream log;
    private final boolean verbose;

    /**
     * @param adviceLocator where the advice class files are read from: the agent jar (the bootstrap loader that
     *                      defined them offers no way to read them back)
     */
    public SocketTransformer(List<SocketInstrumentation> instrumentations, ClassFileLocator adviceLocator,
                             PrintStream log, boolean verbose) {
        this.instrumentations = instrumentations;
        this.adviceLocator = adviceLocator;
        this.log = log;
        this.verbose = verbose;
    }

    public void installOn(Instrumentation instrumentation) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.Listener.ErrorEscalating.FAIL_LAST)
                .with(new ErrorListener())
                // The default ignores JDK classes, which are exactly the ones instrumented here.
                .ignore(none());
        for (SocketInstrumentation target : instrumentations) {
            builder = builder.type(named(target.typeName())).transform(
                    (type, description, loader, module, domain) -> applyHooks(type, description, target));
        }
        builder.installOn(instrumentation);
    }

    private DynamicType.Builder<?> applyHooks(DynamicType.Builder<?> type, TypeDescription description,
                                              SocketInstrumentation target) {
        for (Hook hook : target.hooks()) {
            int matches = description.getDeclaredMethods().filter(hook.matcher()).size();
            String name = target.typeName() + "." + hook.method();
            if (matches != 1) {
                log.println("[tcpflight] WARNING: " + name + " matched " + matches
                        + " methods on Java " + Runtime.version() + "; those calls are not traced");
            } else if (verbose) {
                log.println("[tcpflight] hooked " + name);
            }
            type = type.visit(Advice.to(hook.advice(), adviceLocator).on(hook.matcher()));
        }
        return type;
    }

    private final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            log.println("[tcpflight] WARNING: could not instrument " + typeName + ": " + throwable
                    + "; its sockets are not traced");
        }
    }
}
