package io.corral.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nothing listens on, for a server started next (an embedded PostgreSQL, a service
 * a test boots). They lie below the kernel's range of local ports for outgoing
 * connections: a port from that range, which binding port 0 gives, was once taken by a
 * connection opened meanwhile, to PostgreSQL or between services, before the server could
 * listen on it. A port is handed out once per JVM: two servers picked for in turn (a test
 * starting several services) cannot both be given a port that neither listens on yet.
 */
public final class FreePorts {

    private static final int LOWEST_PORT = 20_000;

    private static final Path LOCAL_PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int pick() {
        int below = Math.max(firstOutgoingPort(), LOWEST_PORT + 1_000);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, below);
            if (free(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port from " + LOWEST_PORT + " to " + below);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    /**
     * Where Linux starts the local ports of outgoing connections; its default elsewhere.
     */
    private static int firstOutgoingPort() {
        try {
            // Read as lines: Files.readString trusts the size /proc reports and read "3".
            return Integer.parseInt(Files.readAllLines(LOCAL_PORT_RANGE).get(0).trim().split("\\s+")[0]);
        }
        catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }

}
