package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.SshAuthApplication;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ServiceUnderTest;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral ssh} and {@code corral scp}: the proxy's host key checked with the real
 * ssh-keyscan against the fingerprint the real ssh-auth-service publishes, the one-time
 * code from it, the OpenSSH command line, and the real OpenSSH client logging in through
 * the real SSH proxy with that code and the pinned key.
 */
@ExtendWith(WithControlPlane.class)
class SshCommandTest {

    private final ControlPlane platform = WithControlPlane.controlPlane();

    /**
     * What one OpenSSH run was given, and what the askpass script and the known hosts
     * were like while it ran.
     */
    record Launch(List<String> command, Map<String, String> environment, String askpassPermissions,
            String askpassDirectoryPermissions, List<String> knownHosts) {

        static Launch of(List<String> command, Map<String, String> environment) throws IOException {
            Path askpass = Path.of(environment.get("SSH_ASKPASS"));
            Path knownHosts = askpass.resolveSibling("known_hosts");
            return new Launch(command, environment,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(askpass)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(askpass.getParent())),
                    Files.exists(knownHosts) ? Files.readAllLines(knownHosts) : List.of());
        }

        /** The options that make OpenSSH accept only the pinned key. */
        List<String> pinningOptions() {
            Path knownHosts = Path.of(environment.get("SSH_ASKPASS")).resolveSibling("known_hosts");
            return List.of("-o", "UserKnownHostsFile=\"" + knownHosts + "\"", "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "StrictHostKeyChecking=yes");
        }

    }

    @Test
    void sshGetsACodeAndRunsOpenSshAtTheProxyWithItsOptions() {
        List<Launch> launches = new ArrayList<>();
        CliRunner corral = CliRunner.inCheckoutWithToken(platform.variables(), ControlPlane.EVERY_SCOPE,
                (command, environment) -> {
                    launches.add(Launch.of(command, environment));
                    return 42;
                });

        CliRunner.Result result = corral.run("ssh", "app-7", "-i", "2", "-L", "8080:localhost:8080", "-N", "-o",
                "ConnectTimeout=20");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(42);
        Launch launch = launches.get(0);
        List<String> expected = new ArrayList<>(List.of("ssh", "-p", String.valueOf(platform.sshPort()), "-l",
                "cf:app-7/2", "-o", "ConnectTimeout=20"));
        expected.addAll(launch.pinningOptions());
        expected.addAll(List.of("-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1", "-L",
                "8080:localhost:8080", "-N", "127.0.0.1"));
        assertThat(launch.command()).containsExactlyElementsOf(expected);
        assertThat(launch.knownHosts()).singleElement()
            .asString()
            .startsWith("[127.0.0.1]:" + platform.sshPort() + " ecdsa-sha2-nistp256 ");
        assertThat(launch.environment()).containsEntry("SSH_ASKPASS_REQUIRE", "force");
        assertThat(launch.environment().get("CORRAL_SSH_CODE")).isNotBlank();
        assertThat(launch.askpassPermissions()).isEqualTo("rwx------");
        assertThat(launch.askpassDirectoryPermissions()).isEqualTo("rwx------");
        assertThat(Path.of(launch.environment().get("SSH_ASKPASS"))).doesNotExist();
        assertThat(Path.of(launch.environment().get("SSH_ASKPASS")).getParent()).doesNotExist();
    }

    @Test
    void aProxyPresentingAnotherKeyThanThePublishedOneIsRefusedBeforeOpenSshRuns() {
        String otherKey = "SHA256:" + "A".repeat(43);
        try (ServiceUnderTest misinformed = ServiceUnderTest.start(SshAuthApplication.SERVICE,
                Map.of("corral.receptor.url", platform.receptorService.uri().toString(),
                        "corral.ssh.info.app-ssh-host-key-fingerprint", otherKey))) {
            Map<String, String> variables = new HashMap<>(platform.variables());
            variables.put("CORRAL_SSH_AUTH_URL", misinformed.uri().toString());
            List<Launch> launches = new ArrayList<>();
            CliRunner corral = CliRunner.inCheckoutWithToken(variables, ControlPlane.EVERY_SCOPE,
                    (command, environment) -> {
                        launches.add(Launch.of(command, environment));
                        return 0;
                    });

            CliRunner.Result refused = corral.run("ssh", "app-7");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(255);
            assertThat(refused.err()).contains("presented the host key " + platform.proxyHostKeyFingerprint,
                    "not the one ssh-auth-service publishes (" + otherKey + ")", "--skip-host-validation");
            assertThat(launches).isEmpty();

            CliRunner.Result skipped = corral.run("scp", "app-7", "--skip-host-validation", "logs/app.log");

            assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
            assertThat(launches.get(0).command()).noneMatch(argument -> argument.contains("KnownHostsFile"));
            assertThat(launches.get(0).knownHosts()).isEmpty();
        }
    }

    @Test
    void aRemoteCommandFollowsTheHost() {
        List<List<String>> commands = new ArrayList<>();
        CliRunner corral = CliRunner.inCheckoutWithToken(platform.variables(), ControlPlane.EVERY_SCOPE,
                (command, environment) -> {
                    commands.add(command);
                    return 0;
                });

        assertThat(corral.run("ssh", "app-7", "-t", "--", "ls", "-la", "/home/vcap").exitCode()).isZero();
        assertThat(commands.get(0)).endsWith("-t", "127.0.0.1", "ls", "-la", "/home/vcap");
    }

    @Test
    void scpCopiesOutWithTheUserAsAnOption() {
        List<Launch> launches = new ArrayList<>();
        CliRunner corral = CliRunner.inCheckoutWithToken(platform.variables(), ControlPlane.EVERY_SCOPE,
                (command, environment) -> {
                    launches.add(Launch.of(command, environment));
                    return 0;
                });

        assertThat(corral.run("scp", "app-7", "-r", "logs", "/tmp/app-7-logs").exitCode()).isZero();
        Launch launch = launches.get(0);
        List<String> expected = new ArrayList<>(
                List.of("scp", "-P", String.valueOf(platform.sshPort()), "-o", "User=cf:app-7/0"));
        expected.addAll(launch.pinningOptions());
        expected.addAll(List.of("-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1", "-r",
                "127.0.0.1:logs", "/tmp/app-7-logs"));
        assertThat(launch.command()).containsExactlyElementsOf(expected);
        assertThat(launch.knownHosts()).hasSize(1);
    }

    @Test
    void theCodeLogsOpenSshInThroughTheProxy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        desireSshApp("cli-ssh-v1", "cli-ssh-app", "cli-ssh-space");
        platform.run("cli-ssh-v1", 0, "127.0.0.1", List.of(new PortMapping(2222, closedPort)));
        Path output = Files.createTempFile("corral-cli-ssh", ".out");
        CliRunner corral = CliRunner.inCheckoutWithToken(platform.variables(), ControlPlane.EVERY_SCOPE,
                (command, environment) -> {
                    ProcessBuilder ssh = new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                    ssh.environment().putAll(environment);
                    Process process = ssh.start();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        throw new AssertionError("ssh did not end");
                    }
                    return process.exitValue();
                });
        // No host key options: OpenSSH accepts the proxy by the key the CLI pinned.
        String[] ssh = { "ssh", "cli-ssh-app", "-o", "ConnectTimeout=20", "--", "true" };

        CliRunner.Result stranger = corral.run(ssh);
        assertThat(stranger.exitCode()).isEqualTo(255);
        assertThat(CliRunner.read(output)).contains("corral: you are not authorized to access this instance");

        assertThat(corral.run("ssh-policy", "add-member", "cli-ssh-space", "test-user").exitCode()).isZero();
        CliRunner.Result member = corral.run(ssh);
        assertThat(member.exitCode()).isEqualTo(255);
        // Granted: the proxy then finds no SSH daemon at the instance's port.
        assertThat(CliRunner.read(output)).contains("corral: the instance cannot be reached now")
            .doesNotContain("not authorized", "credential", "one-time code");
        Files.delete(output);
    }

    private void desireSshApp(String processGuid, String appGuid, String spaceGuid) {
        JsonNode route = ReceptorJson.mapper()
            .valueToTree(Map.of("container_port", 2222, "user", "vcap", "private_key", "no daemon to log in to",
                    "host_fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        platform.receptor.desireLrp(ApiFixtures.desiredLrpBuilder(processGuid)
            .appGuid(appGuid)
            .spaceGuid(spaceGuid)
            .routes(Map.of("diego-ssh", route))
            .build());
    }

}
