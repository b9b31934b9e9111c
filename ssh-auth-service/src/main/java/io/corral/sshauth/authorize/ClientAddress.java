package io.corral.sshauth.authorize;

/**
 * The host part of a client address as proxies send it ({@code 203.0.113.7:51234},
 * {@code [2001:db8::1]:51234}, or without a port): failures are counted per host, since
 * every connection has a new port.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String host(String clientAddress) {
        String address = clientAddress.strip();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
    }

}
