package dev.tcpflight.cli.testing;

/** A child JVM's program for tests: prints a line on stdout and one on stderr, exits with args[0]. */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(String[] args) {
        System.out.println("to stdout");
        System.err.println("to stderr");
        System.exit(Integer.parseInt(args[0]));
    }
}
