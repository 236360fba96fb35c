package dev.tcpflight.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.AgentInstaller;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;

/**
 * Advice is copied into the JDK's socket code: an exception escaping it would be thrown into the application.
 * Byte Buddy does not suppress by default, so every advice method must say so itself.
 */
class AdviceSafetyTest {

    private static final List<SocketInstrumentation> ALL = java.util.stream.Stream.concat(
            AgentInstaller.INSTRUMENTATIONS.stream(), AgentInstaller.LIBRARY_INSTRUMENTATIONS.stream()).toList();

    @Test
    void everyAdviceMethodSuppressesThrowable() {
        int adviceMethods = 0;
        for (SocketInstrumentation instrumentation : ALL) {
            for (Hook hook : instrumentation.hooks()) {
                for (Method method : hook.advice().getDeclaredMethods()) {
                    Advice.OnMethodEnter enter = method.getAnnotation(Advice.OnMethodEnter.class);
                    Advice.OnMethodExit exit = method.getAnnotation(Advice.OnMethodExit.class);
                    if (enter == null && exit == null) {
                        continue;
                    }
                    adviceMethods++;
                    Class<?> suppress = enter != null ? enter.suppress() : exit.suppress();
                    assertEquals(Throwable.class, suppress, method + " must suppress Throwable");
                    assertTrue(Modifier.isStatic(method.getModifiers()), method + " must be static");
                }
            }
        }
        assertTrue(adviceMethods >= 30, "advice methods found: " + adviceMethods);
    }

    @Test
    void hooksAreDistinctAndNamed() {
        for (SocketInstrumentation instrumentation : ALL) {
            assertFalse(instrumentation.hooks().isEmpty(), instrumentation.typeName());
            assertEquals(instrumentation.hooks().size(),
                    instrumentation.hooks().stream().map(Hook::method).distinct().count());
        }
    }
}
