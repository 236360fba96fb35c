package dev.tcpflight.agent.instrumentation;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.io.PrintStream;

/**
 * Inlines one {@link SocketInstrumentation}'s advice into the class file of its JDK class with Byte Buddy's
 * {@link Advice}. It only decorates: no member is added or changed, as retransformation requires. A hook whose
 * method is missing on the running JDK is reported, never skipped silently.
 */
final class AdviceWeaver {

    private final ClassFileLocator adviceLocator;
    private final PrintStream log;
    private final boolean verbose;

    /**
     * @param adviceLocator where the advice class files are read from: the agent jar (the bootstrap loader that
     *                      defined them offers no way to read them back)
     */
    AdviceWeaver(ClassFileLocator adviceLocator, PrintStream log, boolean verbose) {
        this.adviceLocator = adviceLocator;
        this.log = log;
        this.verbose = verbose;
    }

    /** The class file with every hook's advice inlined. */
    byte[] weave(SocketInstrumentation target, byte[] classFile) {
        String typeName = target.typeName();
        // The class file as handed over, not as found on disk: the JDK may have transformed it already (JDK 17's
        // own JFR socket events do). Other types are read as class files, never loaded: a class loaded during a
        // transformation is not transformed itself, and a hooked class could be among them.
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile),
                ClassFileLocator.ForClassLoader.ofBootLoader());
        TypeDescription description = TypePool.Default.of(locator).describe(typeName).resolve();
        DynamicType.Builder<?> type = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .decorate(description, locator);
        for (Hook hook : target.hooks()) {
            report(typeName + "." + hook.method(), description.getDeclaredMethods().filter(hook.matcher()).size());
            type = type.visit(Advice.to(hook.advice(), adviceLocator).on(hook.matcher()));
        }
        return type.make().getBytes();
    }

    private void report(String hook, int matches) {
        if (matches != 1) {
            log.println("[tcpflight] WARNING: " + hook + " matched " + matches
                    + " methods on Java " + Runtime.version() + "; those calls are not traced");
        } else if (verbose) {
            log.println("[tcpflight] hooked " + hook);
        }
    }
}
