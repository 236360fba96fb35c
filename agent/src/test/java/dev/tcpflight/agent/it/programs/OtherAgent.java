package dev.tcpflight.agent.it.programs;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/** Another Byte Buddy-based agent, unshaded, as a user might run beside tcpflight: it rewrites {@link Greeter}. */
public final class OtherAgent {

    private OtherAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        new AgentBuilder.Default()
                .type(named("dev.tcpflight.agent.it.programs.Greeter"))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(LouderGreeting.class).on(named("greet"))))
                .installOn(instrumentation);
    }

    static final class LouderGreeting {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) String greeting) {
            greeting = greeting + " from the other agent";
        }
    }
}
