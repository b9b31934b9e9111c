package io.corral.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Ports on this machine's loopback address. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** Whether something accepts connections on {@code port} of 127.0.0.1. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

}
