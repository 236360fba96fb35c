package dev.tcpflight.cli.recording;

/** One end of a connection as the agent recorded it: numeric IP text and port ("" and 0 when unknown). */
public record Endpoint(String address, int port) {

    public boolean isUnknown() {
        return address.isEmpty() && port == 0;
    }

    /** {@code 127.0.0.1:5000}, {@code [::1]:5000}, or netstat's {@code *:*} for a listener's remote end. */
    @Override
    public String toString() {
        if (isUnknown()) {
            return "*:*";
        }
        String host = address.isEmpty() ? "*" : address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return host + ":" + port;
    }
}
