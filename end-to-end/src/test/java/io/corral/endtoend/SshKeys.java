package io.corral.endtoend;

import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ssh.OpenSshClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The keys of an app's {@code diego-ssh} route, made by {@code ssh-keygen} as the README
 * makes them: the key the proxy logs in to the instance with, and the host key the
 * instance's daemon presents with its SHA-256 fingerprint.
 */
record SshKeys(String privateKey, String hostKey, String hostFingerprint) {

    static SshKeys generate(Path directory) {
        Path login = OpenSshClient.keygen(directory.resolve("proxy_login_key"), "-t", "ed25519");
        Path host = OpenSshClient.keygen(directory.resolve("instance_host_key"), "-m", "PEM");
        String fingerprint = OpenSshClient.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", host + ".pub"), "")
            .stdout()
            .split(" ")[1];
        return new SshKeys(OpenSshClient.readString(login), OpenSshClient.readString(host), fingerprint);
    }

    /** The route's JSON: container port 2222, user {@code vcap}. */
    JsonNode route() {
        return ReceptorJson.mapper()
            .valueToTree(Map.of("container_port", 2222, "user", "vcap", "private_key", privateKey, "host_key", hostKey,
                    "host_fingerprint", hostFingerprint));
    }

}
