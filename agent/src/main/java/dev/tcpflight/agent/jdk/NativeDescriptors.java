package dev.tcpflight.agent.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The descriptor number behind a native transport's socket key: a Netty {@code FileDescriptor} (its original or
 * any relocated copy), asked through its public {@code intValue()} and {@code isOpen()}. The agent cannot name
 * Netty's classes (each application may have its own copies, in its own loaders), so the two methods are looked
 * up once per class. Only the probes use this (a connect's end, a close, the periodic look), never a read or write.
 */
final class NativeDescriptors {

    private static final MethodType INT = MethodType.methodType(int.class);
    private static final MethodType BOOLEAN = MethodType.methodType(boolean.class);

    private static final ClassValue<MethodHandle[]> METHODS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {lookup.findVirtual(type, "intValue", INT).asType(
                        MethodType.methodType(int.class, Object.class)),
                        lookup.findVirtual(type, "isOpen", BOOLEAN).asType(
                                MethodType.methodType(boolean.class, Object.class))};
            } catch (ReflectiveOperationException e) {
                return null; // not a descriptor object the agent knows
            }
        }
    };

    private NativeDescriptors() {
    }

    /**
     * The open descriptor's number, or -1: closed (Netty keeps the number after closing it, when the kernel may
     * already have given it to another socket) or not a known kind of key.
     */
    static int number(Object key) {
        MethodHandle[] methods = METHODS.get(key.getClass());
        if (methods == null) {
            return -1;
        }
        try {
            return (boolean) methods[1].invokeExact(key) ? (int) methods[0].invokeExact(key) : -1;
        } catch (Throwable e) {
            return -1;
        }
    }
}
