package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.jvm.LocalJvms;
import dev.tcpflight.cli.jvm.LocalJvms.Jvm;
import dev.tcpflight.cli.render.TextTable;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list",
        description = {"List the running JVMs, marking those with the tcpflight agent.",
                "Like jps: the JVMs of the same user (all of them for root) that take attach requests; each one is"
                        + " asked for its Java version and whether the agent runs in it (TCPFLIGHT: the agent's"
                        + " version, or - when it is not loaded)."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight list"})
public final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Jvm> jvms = LocalJvms.list();
        if (jvms.isEmpty()) {
            err.println("tcpflight: no JVM found (tcpflight sees the JVMs of its own user, or all of them as root)");
            err.flush();
            return 0;
        }
        TextTable table = new TextTable("", Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT);
        table.heading("PID", "JAVA", "TCPFLIGHT", "MAIN");
        for (Jvm jvm : jvms) {
            String agent = jvm.hasAgent() ? jvm.agentVersion() : jvm.agentVersion().isEmpty() ? "-" : "?";
            table.row(Long.toString(jvm.pid()), jvm.javaVersion(), agent, jvm.main());
        }
        table.lines(line -> line).forEach(out::println);
        out.flush();
        for (Jvm jvm : jvms) {
            if (!jvm.problem().isEmpty()) {
                err.println("tcpflight: could not ask JVM " + jvm.pid() + ": " + jvm.problem());
            }
        }
        err.flush();
        return 0;
    }
}
