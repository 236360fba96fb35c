package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards a JVM whose JMX uses it ({@code com.sun.management.jmxremote.ssl}, the JDK's default once a port is
 * set): the certificates it may present come from a trust store the user names, as {@code jconsole} takes
 * {@code javax.net.ssl.trustStore}. The JMX connection's socket factory comes from the target, inside its RMI stub,
 * and uses the process's default TLS context: this tool runs one command per process, so that is the one set here.
 */
final class JmxTls {

    /** The trust store's password, if it has one; never on the command line. */
    static final String PASSWORD_VARIABLE = "TCPFLIGHT_JMX_TRUSTSTORE_PASSWORD";

    private JmxTls() {
    }

    /** Makes the certificates of {@code trustStore} (PKCS12 or JKS) the ones this process's TLS trusts. */
    static void trust(Path trustStore, String password) throws TcpflightException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, password));
            context.init(null, trust.getTrustManagers(), null);
            SSLContext.setDefault(context);
        } catch (GeneralSecurityException e) {
            throw new TcpflightException("cannot use the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** The store; without a password, read without checking its integrity (a JKS one, say). */
    static KeyStore load(Path trustStore, String password) throws TcpflightException {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12, which also reads JKS
            store.load(in, password == null ? null : password.toCharArray());
            if (store.size() == 0) {
                throw new TcpflightException("the trust store " + trustStore + " holds no certificate"
                        + (password == null ? " readable without a password (set " + PASSWORD_VARIABLE + ")" : ""));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TcpflightException("cannot read the trust store " + trustStore + ": " + e.getMessage()
                    + (password == null ? " (if it has a password, set " + PASSWORD_VARIABLE + ")" : ""), e);
        }
    }
}
