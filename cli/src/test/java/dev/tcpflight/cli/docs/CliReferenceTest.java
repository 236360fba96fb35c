package dev.tcpflight.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.TcpflightCli;
import dev.tcpflight.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md pastes every command's {@code --help}: each pasted text must be what the CLI prints now, so the
 * reference cannot go stale. To update it, paste the output of {@code tcpflight COMMAND --help}.
 */
class CliReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "cli.md");
    private static final Pattern HELP_BLOCK = Pattern.compile("```\\n\\$ tcpflight ((?:\\w+ )?)--help\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void everyPastedHelpIsTheCurrentOne() throws IOException {
        Matcher block = HELP_BLOCK.matcher(Files.readString(REFERENCE));
        List<String> checked = new ArrayList<>();
        while (block.find()) {
            String command = block.group(1).strip();
            CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(run.out(), block.group(2), "docs/cli.md, `tcpflight " + command + " --help`");
            checked.add(command);
        }
        List<String> commands = new ArrayList<>(TcpflightCli.commandLine().getSubcommands().keySet());
        commands.removeIf(name -> name.equals("help"));
        commands.add("");
        commands.removeAll(checked);
        assertTrue(commands.isEmpty(), "docs/cli.md lacks the --help of: " + commands);
    }
}
