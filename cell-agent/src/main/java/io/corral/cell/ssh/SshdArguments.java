package io.corral.cell.ssh;

import io.corral.cell.container.DiegoSshd;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a Cloud Controller passes to Diego's in-container daemon: an LRP desired for SSH
 * runs {@code /tmp/lifecycle/diego-sshd} (beside the app, in a {@code codependent}
 * action) with {@code -hostKey=PEM} and {@code -authorizedKey=LINE}. Read from the LRP's
 * action wherever that run sits in the tree.
 *
 * @param hostKey the host key's PEM, if given
 * @param authorizedKey the authorized key's OpenSSH line, if given
 */
record SshdArguments(Optional<String> hostKey, Optional<String> authorizedKey) {

    private static final int MAX_DEPTH = 32;

    static SshdArguments of(JsonNode action) {
        JsonNode args = sshdArgs(action, 0);
        return new SshdArguments(value(args, "-hostKey="), value(args, "-authorizedKey="));
    }

    private static JsonNode sshdArgs(JsonNode node, int depth) {
        if (node == null || depth > MAX_DEPTH || !(node.isObject() || node.isArray())) {
            return null;
        }
        JsonNode run = node.get("run");
        if (run != null && run.isObject() && DiegoSshd.isDaemon(run.path("path").asString(""))) {
            return run.get("args");
        }
        for (JsonNode child : node.values()) {
            JsonNode found = sshdArgs(child, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Optional<String> value(JsonNode args, String prefix) {
        if (args == null || !args.isArray()) {
            return Optional.empty();
        }
        for (JsonNode arg : args) {
            String text = arg.asString("");
            if (text.startsWith(prefix) && text.length() > prefix.length()) {
                return Optional.of(text.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

}
