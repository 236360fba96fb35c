package dev.tcpflight.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassWarmUpTest {

    @Test
    void warmsUpEveryClassOfItsPackagesButTheEvents() throws IOException, URISyntaxException {
        Path classes = Path.of(ClassWarmUp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> expected = new TreeSet<>();
        for (String pkg : new String[] {"bridge", "tracking", "events"}) {
            try (Stream<Path> files = Files.list(classes.resolve("dev/tcpflight/agent/" + pkg))) {
                files.map(file -> file.getFileName().toString())
                        .filter(file -> file.endsWith(".class") && !file.endsWith("Event.class"))
                        .forEach(file -> expected.add("dev.tcpflight.agent." + pkg + "."
                                + file.substring(0, file.length() - ".class".length())));
            }
        }
        Set<String> warmed = new TreeSet<>();
        for (Class<?> type : ClassWarmUp.classes()) {
            warmed.add(type.getName());
        }
        assertEquals(expected, warmed);
    }
}
