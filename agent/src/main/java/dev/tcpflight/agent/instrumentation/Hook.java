package dev.tcpflight.agent.instrumentation;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One advice class applied to exactly one method of a JDK type.
 *
 * @param method  how the method is written in reports, e.g. {@code listen(int)}
 * @param matcher matches that method and no other
 * @param advice  the Byte Buddy advice class inlined into it
 */
public record Hook(String method, ElementMatcher<? super MethodDescription> matcher, Class<?> advice) {
}
