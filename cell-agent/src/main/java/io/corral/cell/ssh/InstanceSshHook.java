package io.corral.cell.ssh;

import io.corral.cell.container.InstanceHook;
import io.corral.receptor.api.PortMapping;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Serves SSH for each instance whose LRP has a {@code diego-ssh} route, for as long as it
 * runs: on the cell's address and the host port mapped to the route's
 * {@code container_port}. The host key and authorized key are the ones a Cloud Controller
 * passes to {@code diego-sshd} in the LRP's action when it does; otherwise the authorized
 * key is the public half of the route's {@code private_key} and the host key the route's
 * {@code host_key}, or a generated one (which the route's {@code host_fingerprint} cannot
 * name: the proxy will refuse it, and the mismatch is logged).
 */
public final class InstanceSshHook implements InstanceHook, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceSshHook.class);

    private final String address;

    private final Map<String, InstanceSshServer> servers = new ConcurrentHashMap<>();

    /**
     * {@code address}: where instances are reached, and so where their daemons listen.
     */
    public InstanceSshHook(String address) {
        this.address = address;
    }

    @Override
    public void started(StartedInstance instance) {
        JsonNode route = instance.sshRoute();
        int hostPort = instance.hostPort(route.path("container_port").asInt(0));
        if (hostPort < 0) {
            log.warn("instance {} has a diego-ssh route but no host port for its container_port: no SSH served",
                    instance.instanceGuid());
            return;
        }
        SshdArguments sshd = SshdArguments.of(instance.action());
        KeyPair hostKey = RouteKeys.hostKey(sshd.hostKey().orElse(text(route, "host_key")));
        PublicKey authorized = sshd.authorizedKey()
            .map(RouteKeys::publicKeyOfLine)
            .orElseGet(() -> RouteKeys.authorizedKeyOf(text(route, "private_key")));
        InstanceSshServer server = InstanceSshServer.start(new InstanceSshSpec(instance.directory(),
                instance.environment(), hostKey, authorized, text(route, "user"), address, hostPort, ports(instance)));
        InstanceSshServer previous = servers.put(instance.instanceGuid(), server);
        if (previous != null) {
            previous.close();
        }
        HostKeyFingerprints fingerprints = server.hostKeyFingerprints();
        log.info("instance {} serves SSH on {}:{} with host key {}", instance.instanceGuid(), address, hostPort,
                fingerprints.sha256());
        if (!fingerprints.matches(text(route, "host_fingerprint"))) {
            log.warn("instance {}'s host key {} is not the one its route's host_fingerprint names: the SSH proxy will"
                    + " refuse it", instance.instanceGuid(), fingerprints.sha256());
        }
    }

    @Override
    public void stopped(String instanceGuid) {
        InstanceSshServer server = servers.remove(instanceGuid);
        if (server != null) {
            server.close();
        }
    }

    /** Stops every instance's daemon (the agent is stopping). */
    @Override
    public void close() {
        servers.keySet().forEach(this::stopped);
    }

    private static Map<Integer, Integer> ports(StartedInstance instance) {
        return instance.ports()
            .stream()
            .collect(Collectors.toMap(PortMapping::containerPort, PortMapping::hostPort, (first, second) -> first));
    }

    private static String text(JsonNode route, String field) {
        JsonNode value = route.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

}
