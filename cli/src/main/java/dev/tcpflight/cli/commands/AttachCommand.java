package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.jvm.AgentLoader;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.launch.Distribution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "attach",
        description = {"Load the tcpflight agent into a running JVM.",
                "Uses the Attach API, as jcmd PID JVMTI.agent_load does: the JVM must run as the same user (or"
                        + " tcpflight as root), on Java 17 or newer. Connections opened from then on are tracked,"
                        + " and on Linux those already open from their next read, write or close; attaching again"
                        + " changes nothing. Record them with tcpflight record or watch them live"
                        + " with tcpflight watch (both attach by themselves if needed)."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight list                              find the JVM's pid",
                "  tcpflight attach 4242",
                "  tcpflight attach 4242 --options 'kernel=off,ports=8080;5432'"},
        resourceBundle = JvmTarget.ATTACH_HELP)
public final class AttachCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private JvmTarget target;

    @Override
    public Integer call() throws TcpflightException {
        target.checkAgentOptions();
        long pid = target.pid();
        String options = target.agentOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path agentJar = Distribution.current().agentJar();
        try (AttachedJvm jvm = AgentLoader.attach(pid)) {
            AgentLoader.Outcome outcome = AgentLoader.load(jvm, agentJar, options);
            String jvmName = "JVM " + pid + " (" + jvm.description() + ")";
            if (outcome.alreadyLoaded()) {
                out.println("tcpflight agent " + outcome.version() + " is already loaded in " + jvmName
                        + ": nothing to do");
                if (options != null) {
                    err.println("tcpflight: " + AgentLoader.optionsNotApplied(pid));
                }
            } else {
                out.println("tcpflight agent " + outcome.version() + " loaded into " + jvmName);
                out.println("connections are tracked from now on (those already open from their next call):"
                        + " tcpflight watch " + pid
                        + " shows them live, tcpflight record " + pid + " records them");
                outcome.notes().forEach(note -> err.println("tcpflight: note: " + note));
            }
        }
        out.flush();
        err.flush();
        return 0;
    }
}
