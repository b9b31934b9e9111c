package io.corral.cell.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.container.InstanceHook.StartedInstance;
import io.corral.testsupport.ssh.OpenSshClient;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The hook the process backend calls: an instance with a {@code diego-ssh} route is
 * served on the host port mapped to the route's container port while it runs, with the
 * keys a Cloud Controller passes to {@code diego-sshd} or, without them, the route's.
 */
class InstanceSshHookTest {

    @TempDir
    Path instance;

    @TempDir
    Path keys;

    private final InstanceSshHook hook = new InstanceSshHook("127.0.0.1");

    private Path routeKey;

    private int sshPort;

    @BeforeEach
    void keys() throws IOException {
        routeKey = OpenSshClient.keygen(keys.resolve("route_key"));
        try (ServerSocket free = new ServerSocket(0)) {
            sshPort = free.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        hook.close();
    }

    @Test
    void theKeysACloudControllerGivesDiegoSshdAreUsed() throws IOException {
        Path hostKey = OpenSshClient.keygen(keys.resolve("host_key"), "-m", "PEM");
        Path userKey = OpenSshClient.keygen(keys.resolve("user_key"));
        Map<String, Object> app = Map.of("run", Map.of("path", "/bin/sh", "args", List.of("-c", "sleep 1")));
        Map<String, Object> sshd = Map.of("run",
                Map.of("path", "/tmp/lifecycle/diego-sshd", "args",
                        List.of("-address=0.0.0.0:2222", "-hostKey=" + OpenSshClient.readString(hostKey),
                                "-authorizedKey=" + OpenSshClient.readString(keys.resolve("user_key.pub")),
                                "-inheritDaemonEnv", "-logLevel=fatal")));
        JsonNode action = json(Map.of("codependent", Map.of("actions", List.of(app, sshd))));

        hook.started(started(action));
        Files.writeString(keys.resolve("known_hosts"),
                "[127.0.0.1]:" + sshPort + " " + OpenSshClient.readString(keys.resolve("host_key.pub")));
        OpenSshClient checkingHostKey = OpenSshClient.withKey(sshPort, "vcap", userKey);

        Result result = checkingHostKey.ssh("", "-o", "StrictHostKeyChecking=yes", "-o",
                "UserKnownHostsFile=" + keys.resolve("known_hosts"), "--", "echo $INSTANCE_INDEX; pwd");
        Result routeKeyLogin = OpenSshClient.withKey(sshPort, "vcap", routeKey).ssh("", "true");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("2\n" + instance.toRealPath() + "\n");
        assertThat(routeKeyLogin.exitCode()).isEqualTo(255);
    }

    @Test
    void withoutThemTheRoutesKeyLogsInUntilTheInstanceStops() {
        hook.started(started(json(Map.of("run", Map.of("path", "/bin/sh")))));
        OpenSshClient client = OpenSshClient.withKey(sshPort, "vcap", routeKey);

        Result running = client.ssh("", "echo $INSTANCE_INDEX");
        hook.stopped("ig-1");
        Result stopped = client.ssh("", "echo $INSTANCE_INDEX");

        assertThat(running.stdout()).isEqualTo("2\n");
        assertThat(stopped.exitCode()).isEqualTo(255);
        assertThat(stopped.stdout()).isEmpty();
    }

    private StartedInstance started(JsonNode action) {
        JsonNode route = json(
                Map.of("container_port", 2222, "user", "vcap", "private_key", OpenSshClient.readString(routeKey),
                        "host_fingerprint", "a6:14:00:00:00:00:00:00:00:00:00:00:00:00:00:00"));
        return new StartedInstance("ig-1", "pg-1", 2, instance, Map.of("INSTANCE_INDEX", "2"),
                List.of(new PortMapping(8080, 61001), new PortMapping(2222, sshPort)), route, action);
    }

    private static JsonNode json(Object value) {
        return ReceptorJson.mapper().valueToTree(value);
    }

}
