package io.corral.sshauth.instance;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code diego-ssh} route of a desired LRP: where the instance's SSH daemon listens
 * in the container and how the proxy logs in to it. {@code privateKey} is a credential:
 * never printed.
 */
public record DiegoSshRoute(int containerPort, String user, String privateKey, String hostFingerprint) {

    public static final String ROUTER = "diego-ssh";

    /** The route from a desired LRP's {@code routes}; empty when absent or incomplete. */
    public static Optional<DiegoSshRoute> of(Map<String, JsonNode> routes) {
        JsonNode route = routes == null ? null : routes.get(ROUTER);
        if (route == null || !route.isObject()) {
            return Optional.empty();
        }
        int port = route.path("container_port").asInt(0);
        String user = text(route, "user");
        String key = text(route, "private_key");
        String fingerprint = text(route, "host_fingerprint");
        if (port < 1 || port > 65535 || user == null || key == null || fingerprint == null) {
            return Optional.empty();
        }
        return Optional.of(new DiegoSshRoute(port, user, key, fingerprint));
    }

    private static String text(JsonNode route, String field) {
        JsonNode value = route.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    @Override
    public String toString() {
        return "DiegoSshRoute[containerPort=" + containerPort + ", user=" + user + ", hostFingerprint="
                + hostFingerprint + "]";
    }

}
