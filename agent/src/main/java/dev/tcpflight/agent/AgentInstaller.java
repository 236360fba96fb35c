package dev.tcpflight.agent;

import dev.tcpflight.agent.bridge.AgentFailures;
import dev.tcpflight.agent.bridge.TcpBridge;
import dev.tcpflight.agent.events.EventRegistration;
import dev.tcpflight.agent.events.FaultInjectingRecorder;
import dev.tcpflight.agent.events.JfrRecorder;
import dev.tcpflight.agent.events.PreexistingSocketsReporter;
import dev.tcpflight.agent.events.SocketStatesReporter;
import dev.tcpflight.agent.events.StackTracePolicy;
import dev.tcpflight.agent.events.UnseenSocketsReporter;
import dev.tcpflight.agent.instrumentation.AsynchronousServerSocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.AsynchronousSocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.IOUtilInstrumentation;
import dev.tcpflight.agent.instrumentation.ManagementFactoryInstrumentation;
import dev.tcpflight.agent.instrumentation.NioSocketImplInstrumentation;
import dev.tcpflight.agent.instrumentation.ServerSocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.SocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import dev.tcpflight.agent.instrumentation.SocketTransformer;
import dev.tcpflight.agent.instrumentation.UnixAsynchronousServerSocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.UnixAsynchronousSocketChannelImplInstrumentation;
import dev.tcpflight.agent.instrumentation.netty.LinuxSocketInstrumentation;
import dev.tcpflight.agent.instrumentation.netty.NettyFileDescriptorInstrumentation;
import dev.tcpflight.agent.instrumentation.netty.NettySocketInstrumentation;
import dev.tcpflight.agent.jdk.JdkSocketAccess;
import dev.tcpflight.agent.jmx.ConnectionsView;
import dev.tcpflight.agent.jmx.JmxRegistration;
import dev.tcpflight.agent.kernel.KernelFollower;
import dev.tcpflight.agent.kernel.KernelSampler;
import dev.tcpflight.agent.kernel.OpenSockets;
import dev.tcpflight.agent.kernel.PeerCloseWatcher;
import dev.tcpflight.agent.kernel.UnseenSockets;
import dev.tcpflight.agent.tracking.ConnectionTracker;
import dev.tcpflight.agent.tracking.KernelWatch;
import dev.tcpflight.agent.tracking.PortFilter;
import dev.tcpflight.agent.tracking.PreexistingSockets;
import dev.tcpflight.schema.AgentOptions;
import dev.tcpflight.schema.AgentProperties;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.ClassFileLocator;

/** Wires the agent together; runs in the system class loader, its bridge in the bootstrap loader. */
public final class AgentInstaller {

    /** Every JDK class the agent instruments. */
    public static final List<SocketInstrumentation> INSTRUMENTATIONS = List.of(
            new NioSocketImplInstrumentation(),
            new SocketChannelImplInstrumentation(),
            new ServerSocketChannelImplInstrumentation(),
            new AsynchronousSocketChannelImplInstrumentation(),
            new UnixAsynchronousSocketChannelImplInstrumentation(),
            new AsynchronousServerSocketChannelImplInstrumentation(),
            new UnixAsynchronousServerSocketChannelImplInstrumentation(),
            new IOUtilInstrumentation(),
            new ManagementFactoryInstrumentation());

    /**
     * Every library class the agent instruments, in any class loader and under any relocated package: Netty's
     * native epoll transport, which calls the kernel without the JDK's socket classes.
     */
    public static final List<SocketInstrumentation> LIBRARY_INSTRUMENTATIONS = List.of(
            new NettySocketInstrumentation(),
            new NettyFileDescriptorInstrumentation(),
            new LinuxSocketInstrumentation());

    /** Set in the JVM the agent runs in, so that {@code tcpflight list} can tell which JVMs have it. */

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AgentInstaller() {
    }

    private static String version(JarFile agentJar) {
        try {
            String version = agentJar.getManifest().getMainAttributes().getValue("Implementation-Version");
            return version == null ? "unknown" : version;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The Linux kernel sampler, unless switched off or unsupported (then it says why, once). */
    private static KernelWatch kernelWatch(AgentOptions options) {
        if (!options.kernel()) {
            return KernelWatch.NOTHING;
        }
        if (!KernelSampler.isSupported()) {
            System.err.println("[tcpflight] kernel sampler off: " + KernelSampler.supportReason());
            return KernelWatch.NOTHING;
        }
        KernelSampler sampler = new KernelSampler();
        sampler.prestart();
        return new KernelFollower(sampler);
    }

    /**
     * Called by {@link TcpflightAgent} once the bridge is defined; a second call (attaching twice) changes nothing.
     *
     * @param atLaunch {@code -javaagent} rather than an attach: no socket can be open yet
     */
    public static void install(String arguments, Instrumentation instrumentation, JarFile agentJar,
                               boolean atLaunch) {
        AgentOptions options = AgentOptions.parse(arguments, System.err);
        if (!INSTALLED.compareAndSet(false, true)) {
            System.err.println("[tcpflight] agent already loaded in this JVM; nothing to do");
            return;
        }
        // Byte Buddy's Unsafe-based class injection is not needed for inlined advice, and on JDK 24+ it prints
        // sun.misc.Unsafe warnings into the application's output. The shade plugin relocates this property name
        // along with Byte Buddy, so it reaches the agent's own copy only.
        if (System.getProperty("net.bytebuddy.safe") == null) {
            System.setProperty("net.bytebuddy.safe", "true");
        }
        System.setProperty(AgentProperties.VERSION, version(agentJar));
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            System.err.println("[tcpflight] WARNING: agent not started: the jdk.jfr module is not in this JVM"
                    + " (started with a main module or a jlink image?); add --add-modules jdk.jfr");
            return;
        }
        if (!options.stacks()) {
            StackTracePolicy.disableStackTraces();
        }
        ClassWarmUp.run();
        JdkSocketAccess.openInternals(instrumentation);
        JdkSocketAccess access = new JdkSocketAccess();
        ConnectionTracker tracker = new ConnectionTracker(FaultInjectingRecorder.wrapIfRequested(new JfrRecorder()),
                access, new PortFilter(options.ports()), kernelWatch(options));
        PreexistingSocketsReporter preexistingReporter = new PreexistingSocketsReporter(tracker);
        EventRegistration.whenRecorderStarts(new SocketStatesReporter(tracker, AgentFailures::count),
                preexistingReporter, new UnseenSocketsReporter(unseenSockets(options), tracker));
        TcpBridge.install(tracker, access);
        if (ModuleLayer.boot().findModule("java.management").isPresent()) {
            JmxRegistration.register(new ConnectionsView(tracker, AgentFailures::count), instrumentation);
        }
        if (access.canAskForPeerClose()) {
            new PeerCloseWatcher(tracker).start();
        }
        LegacySocketImplCheck.warnIfActive(System.err);
        if (!atLaunch) {
            TcpBridge.lingerMayBeOnAlready(); // before the hooks: the first close they see asks the kernel
        }
        List<SocketInstrumentation> all = new ArrayList<>(INSTRUMENTATIONS);
        all.addAll(LIBRARY_INSTRUMENTATIONS);
        new SocketTransformer(all, new ClassFileLocator.ForJarFile(agentJar), System.err, options.verbose())
                .installOn(instrumentation);
        if (!atLaunch) {
            // After the instrumentation: a socket opened meanwhile is both tracked and listed, never neither.
            tracker.preexisting(preexistingSockets());
            // A recording running already gets them now; one started later, at its start (beginChunk).
            preexistingReporter.run();
        }
    }

    /** The look at the sockets no hook saw; none where the OS cannot list them (then it says so, once). */
    private static UnseenSockets unseenSockets(AgentOptions options) {
        UnseenSockets look = UnseenSockets.ofThisProcess(new PortFilter(options.ports()));
        if (look == null && options.verbose()) {
            System.err.println("[tcpflight] sockets no hook saw are not reported: " + KernelSampler.supportReason());
        }
        return look;
    }

    /** The TCP sockets open at the attach, which the agent will meet mid-life; none where the OS cannot say. */
    private static PreexistingSockets preexistingSockets() {
        try {
            return new PreexistingSockets(OpenSockets.snapshot());
        } catch (Exception e) {
            System.err.println("[tcpflight] WARNING: could not list the sockets open before the attach (" + e
                    + "); they are not traced");
            return PreexistingSockets.NONE;
        }
    }
}
