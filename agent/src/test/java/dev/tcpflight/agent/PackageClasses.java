package dev.tcpflight.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The compiled classes of a package, nested ones included, read from where its classes were loaded. */
final class PackageClasses {

    private PackageClasses() {
    }

    /** Every class of {@code member}'s package (its subpackages left out), by binary name. */
    static Set<String> of(Class<?> member) throws IOException, URISyntaxException {
        String pkg = member.getPackageName();
        try (Stream<Path> files = Files.list(classesOf(member).resolve(pkg.replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".class"))
                    .map(file -> pkg + "." + file.substring(0, file.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Where {@code type} was loaded from: a classes directory, or the root of a jar (the schema's, in verify). */
    private static Path classesOf(Class<?> type) throws URISyntaxException, IOException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(location) ? location : FileSystems.newFileSystem(location).getPath("/");
    }
}
