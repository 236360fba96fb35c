package dev.tcpflight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.schema.SocketApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The classes defined in the bootstrap loader: every class of the bridge package and what it names, each after
 * its supertypes, and none naming an agent class left in the system class loader (the bootstrap loader could not
 * resolve it: the advice calling it would fail, silently, inside the JDK's socket classes).
 */
class BootstrapBridgeTest {

    private static final Pattern AGENT_CLASS = Pattern.compile("dev/tcpflight/[A-Za-z0-9_/$]+");

    @Test
    void definesTheWholeBridgePackageAndTheSchemaTypeItPassesOn() throws Exception {
        Set<String> expected = new TreeSet<>(PackageClasses.of(TcpBridge.class));
        expected.add(SocketApi.class.getName());
        expected.add("dev.tcpflight.schema.Vocabulary");
        assertEquals(expected, new TreeSet<>(BootstrapBridge.CLASSES));
    }

    @Test
    void definesEachClassAfterItsSupertypes() throws ClassNotFoundException {
        List<String> defined = new ArrayList<>();
        for (String name : BootstrapBridge.CLASSES) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            List<Class<?>> supertypes = new ArrayList<>(List.of(type.getInterfaces()));
            if (type.getSuperclass() != null) {
                supertypes.add(type.getSuperclass());
            }
            for (Class<?> supertype : supertypes) {
                assertTrue(!BootstrapBridge.CLASSES.contains(supertype.getName())
                        || defined.contains(supertype.getName()), name + " before its supertype " + supertype);
            }
            defined.add(name);
        }
    }

    @Test
    void namesNoAgentClassOutsideTheBootstrapSet() throws IOException {
        for (String name : BootstrapBridge.CLASSES) {
            for (String named : agentClassesNamedBy(name)) {
                assertTrue(BootstrapBridge.CLASSES.contains(named), name + " names " + named
                        + ", which the bootstrap loader cannot see");
            }
        }
    }

    /** The agent classes a class file names anywhere (its constant pool's class and descriptor strings). */
    private static Set<String> agentClassesNamedBy(String className) throws IOException {
        try (InputStream in = BootstrapBridgeTest.class.getResourceAsStream(
                "/" + className.replace('.', '/') + ".class")) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Set<String> named = new TreeSet<>();
            Matcher m = AGENT_CLASS.matcher(text);
            while (m.find()) {
                named.add(m.group().replace('/', '.'));
            }
            return named;
        }
    }
}
