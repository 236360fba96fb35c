package dev.tcpflight.cli.recording;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One spelling per IP address, so that {@code ::1}, {@code 0:0:0:0:0:0:0:1} and {@code [::1]} compare equal. */
public final class Addresses {

    private Addresses() {
    }

    /** The JDK's numeric text for an IP literal (never a name lookup); anything else unchanged. */
    public static String canonical(String address) {
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        boolean ipLiteral = literal.indexOf(':') >= 0 || literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipLiteral) {
            return literal;
        }
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
