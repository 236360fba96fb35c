package dev.tcpflight.cli.jvm;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether tcpflight talks to a person at a terminal, and how wide it is. */
public final class Terminal {

    private static final int DEFAULT_WIDTH = 100;

    private Terminal() {
    }

    /**
     * True when standard input and output are a terminal. JDK 22+ has a console even when they are redirected,
     * and says whether it is a terminal in {@code Console.isTerminal()} (called reflectively: built for 17).
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a console means a terminal
        }
    }

    /** Columns: $COLUMNS, else what {@code stty size} says about /dev/tty, else 100. */
    public static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException e) {
            // not set: ask the terminal
        }
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return DEFAULT_WIDTH;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] rowsColumns = answer.split("\\s+");
                int columns = Integer.parseInt(rowsColumns[rowsColumns.length - 1]);
                return columns > 0 ? columns : DEFAULT_WIDTH;
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
    }
}
