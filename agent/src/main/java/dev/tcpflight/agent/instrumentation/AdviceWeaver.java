package dev.tcpflight.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.isVirtual;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassReader;
import net.bytebuddy.utility.AsmClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines one {@link SocketInstrumentation}'s advice into the class file of its class with Byte Buddy's
 * {@link Advice}. It only decorates: no member is added or changed, as retransformation requires. A hook whose
 * method is missing on the running JDK is reported, never skipped silently.
 */
final class AdviceWeaver {

    private final ClassFileLocator adviceLocator;
    private final PrintStream log;
    private final boolean verbose;
    /** Parsed once per advice class: hooks share some, and JDK 17 weaves again at every recording start. */
    private final Map<Class<?>, Advice> parsedAdvice = new ConcurrentHashMap<>();

    /**
     * @param adviceLocator where the advice class files are read from: the agent jar
     */
    AdviceWeaver(ClassFileLocator adviceLocator, PrintStream log, boolean verbose) {
        this.adviceLocator = adviceLocator;
        this.log = log;
        this.verbose = verbose;
    }

    /**
     * The class file with every hook's advice inlined.
     *
     * @param typeName the binary name of the class being woven (a relocated copy's own, for a library class)
     * @param loader   its defining loader, null for the bootstrap loader: where the types it names are read from
     */
    byte[] weave(SocketInstrumentation target, String typeName, byte[] classFile, ClassLoader loader) {
        // The class file as handed over, not as found on disk: the JDK may have transformed it already (JDK 17's
        // own JFR socket events do). Other types are read as class files, never loaded: a class loaded during a
        // transformation is not transformed itself, and a hooked class could be among them. Lazily: most of them
        // (parameter types) are only named, never looked into.
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                        : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(typeName).resolve();
        List<HookedMethod> hooked = new ArrayList<>();
        for (Hook hook : target.hooks()) {
            MethodList<MethodDescription.InDefinedShape> matched = type.getDeclaredMethods().filter(hook.matcher());
            report(typeName + "." + hook.method(), matched.size(), target.nameSuffix() == null);
            // Not into a synthetic bridge method (it calls the method proper), as Byte Buddy's type writer does.
            for (MethodDescription method : matched.filter(not(isVirtual().and(isSynthetic())))) {
                hooked.add(new HookedMethod(method, advice(hook.advice())));
            }
        }
        // From Byte Buddy's class reader straight to its writer, the advice wrapping the hooked methods: its
        // DynamicType builder would also compile the method graph of the whole type hierarchy, which no hook needs.
        AsmClassReader reader = AsmClassReader.Factory.Default.IMPLICIT.make(classFile);
        AsmClassWriter writer = AsmClassWriter.Factory.Default.IMPLICIT.make(0, reader, pool);
        reader.accept(new HookingVisitor(writer.getVisitor(), type, pool, hooked), 0);
        return writer.getBinaryRepresentation();
    }

    private Advice advice(Class<?> adviceClass) {
        Advice advice = parsedAdvice.get(adviceClass);
        if (advice == null) {
            advice = Advice.to(adviceClass, adviceLocator);
            parsedAdvice.put(adviceClass, advice);
        }
        return advice;
    }

    /** @param expected the method must exist (a JDK hook); a library's differs between its versions */
    private void report(String hook, int matches, boolean expected) {
        if (matches == 0 && !expected) {
            if (verbose) {
                log.println("[tcpflight] not in this version: " + hook);
            }
        } else if (matches != 1) {
            log.println("[tcpflight] WARNING: " + hook + " matched " + matches
                    + " methods on Java " + Runtime.version() + "; those calls are not traced");
        } else if (verbose) {
            log.println("[tcpflight] hooked " + hook);
        }
    }

    private record HookedMethod(String name, String descriptor, MethodDescription method, Advice advice) {
        HookedMethod(MethodDescription method, Advice advice) {
            this(method.getInternalName(), method.getDescriptor(), method, advice);
        }
    }

    /** Passes the class through, wrapping each hooked method's visitor in its advice. */
    private static final class HookingVisitor extends ClassVisitor {

        private final TypeDescription type;
        private final TypePool pool;
        private final List<HookedMethod> hooked;
        private Implementation.Context context;

        HookingVisitor(ClassVisitor writer, TypeDescription type, TypePool pool, List<HookedMethod> hooked) {
            super(OpenedClassReader.ASM_API, writer);
            this.type = type;
            this.pool = pool;
            this.hooked = hooked;
        }

        @Override
        public void visit(int version, int modifiers, String name, String signature, String superName,
                          String[] interfaces) {
            // As Byte Buddy decorates a type: a context that adds nothing to the class, frames written in the
            // class's own version. Its naming strategy is for auxiliary types, which a disabled context never adds.
            ClassFileVersion classFileVersion = ClassFileVersion.ofMinorMajor(version);
            context = Implementation.Context.Disabled.Factory.INSTANCE.make(type, null, TypeInitializer.None.INSTANCE,
                    classFileVersion, classFileVersion, Implementation.Context.FrameGeneration.GENERATE);
            super.visit(version, modifiers, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int modifiers, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor visitor = super.visitMethod(modifiers, name, descriptor, signature, exceptions);
            for (HookedMethod method : hooked) {
                if (method.name().equals(name) && method.descriptor().equals(descriptor)) {
                    visitor = method.advice().wrap(type, method.method(), visitor, context, pool, 0, 0);
                }
            }
            return visitor;
        }
    }
}
