package dev.tcpflight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.schema.TcpState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassWarmUpTest {

    @Test
    void warmsUpEveryClassOfItsPackagesButTheEvents() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>();
        Path agent = classesOf(ClassWarmUp.class);
        for (String pkg : new String[] {"bridge", "events", "tracking"}) {
            addClasses(agent, "dev.tcpflight.agent." + pkg, expected);
        }
        addClasses(classesOf(TcpState.class), "dev.tcpflight.schema", expected);
        Set<String> warmed = new TreeSet<>();
        for (Class<?> type : ClassWarmUp.classes()) {
            warmed.add(type.getName());
        }
        assertEquals(expected, warmed);
    }

    /** Where {@code type} was loaded from: a classes directory, or the root of a jar (the schema's, in verify). */
    private static Path classesOf(Class<?> type) throws URISyntaxException, IOException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(location) ? location : FileSystems.newFileSystem(location).getPath("/");
    }

    /** The classes of {@code pkg}, nested ones included, but the event classes (its subpackages left out). */
    private static void addClasses(Path root, String pkg, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
            files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".class") && !file.endsWith("Event.class"))
                    .forEach(file -> names.add(pkg + "." + file.substring(0, file.length() - ".class".length())));
        }
    }
}
