package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.launch.ChildJvm;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: {@code record} over remote JMX that uses TLS for its connection and its registry, the JDK's
 * {@code com.sun.management.jmxremote.ssl} and {@code registry.ssl}, with a self-signed certificate made by the
 * JDK's keytool for 127.0.0.1; the trust store given with {@code --jmx-truststore}, and without it a one-line error
 * that says what to give.
 */
class JmxTlsIT {

    private static final String STORE_PASSWORD = "changeit-for-test";

    @TempDir
    static Path dir;

    private static JmxTargets targets;
    private static int port;
    private static Path trustStore;
    private static Path protectedTrustStore;

    @BeforeAll
    static void startTarget() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "jmx", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "jmx", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        trustStore = dir.resolve("trust.jks"); // JKS: its certificates read without a password
        keytool("-importcert", "-noprompt", "-alias", "jmx", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "JKS", "-storepass", STORE_PASSWORD);
        protectedTrustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "jmx", "-file", certificate.toString(), "-keystore",
                protectedTrustStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        targets = new JmxTargets(dir);
        port = JmxTargets.freePort();
        targets.start("tls", port, List.of("-javaagent:" + Distribution.current().agentJar(),
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=true",
                "-Dcom.sun.management.jmxremote.registry.ssl=true", "-Djavax.net.ssl.keyStore=" + keyStore,
                "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD));
    }

    @AfterAll
    static void stopTarget() throws InterruptedException {
        targets.close();
    }

    @Test
    void withoutTheTrustStoreTheErrorSaysToGiveIt() {
        CliRun run = CliRun.of("record", "--jmx", "127.0.0.1:" + port, "--duration", "1s", "-o",
                dir.resolve("never.jfr").toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().startsWith("tcpflight: cannot reach JMX at 127.0.0.1:" + port), run.toString());
        assertTrue(run.err().contains("its JMX uses TLS: give --jmx-truststore FILE"), run.toString());
    }

    @Test
    void recordOverTlsWritesTheExactTransitions() throws Exception {
        Path file = dir.resolve("over-tls.jfr");

        CliRun run = CliRun.of("record", "--jmx", "127.0.0.1:" + port, "--jmx-truststore", trustStore.toString(),
                "--duration", "3s", "-o", file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        TrafficPaths.Recorded recorded = TrafficPaths.read(file);
        assertTrue(recorded.complete() >= 10, recorded.complete() + " complete connections in 3 s");
    }

    /** A PKCS12 store keeps its certificates encrypted: read with its password, and without it a clear error. */
    @Test
    void aProtectedTrustStoreNeedsItsPassword() throws Exception {
        assertEquals(1, JmxTls.load(protectedTrustStore, STORE_PASSWORD).size());
        TcpflightException unreadable = assertThrows(TcpflightException.class,
                () -> JmxTls.load(protectedTrustStore, null));
        assertTrue(unreadable.getMessage().contains("set " + JmxTls.PASSWORD_VARIABLE), unreadable.getMessage());
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = ChildJvm.javaExecutable().resolveSibling("keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
    }
}
