package io.corral.cli.config;

/** The SSH proxy's address ({@code host:port}) and which setting named it. */
public record SshEndpoint(String host, int port, String origin) {

    static final int DEFAULT_PORT = 2222;

    /** {@code host:port}, an IPv6 address in brackets. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Reads {@code host:port}, {@code host} (port 2222) or {@code [v6-address]:port};
     * null when it is none of them.
     */
    static SshEndpoint parse(String value, String origin) {
        String host = value;
        int port = DEFAULT_PORT;
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        if (colon > 0 && (!bracketed || value.charAt(colon - 1) == ']')) {
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            }
            catch (NumberFormatException e) {
                return null;
            }
        }
        if (bracketed) {
            host = host.endsWith("]") ? host.substring(1, host.length() - 1) : null;
        }
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            return null;
        }
        return new SshEndpoint(host, port, origin);
    }

}
