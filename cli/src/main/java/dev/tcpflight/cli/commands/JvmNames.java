package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.recording.MainClass;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code map} calls each recorded JVM: its {@code --label}, else its main class when no other recording
 * ran the same one (two instances of a service must stay apart), else its recording's file name.
 */
final class JvmNames implements Function<Path, String> {

    private final Map<Path, String> names = new HashMap<>();

    /** @param labels by {@link #key} */
    JvmNames(List<Path> recordings, Map<Path, String> labels) {
        Map<Path, Optional<String>> mains = recordings.stream()
                .collect(Collectors.toMap(JvmNames::key, MainClass::of, (a, b) -> a));
        Map<String, Long> runs = mains.values().stream().flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        mains.forEach((recording, main) -> main.filter(name -> runs.get(name) == 1)
                .ifPresent(name -> names.put(recording, name)));
        names.putAll(labels);
    }

    @Override
    public String apply(Path recording) {
        return names.getOrDefault(key(recording), recording.getFileName().toString());
    }

    /** A recording however its path was written. */
    static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
