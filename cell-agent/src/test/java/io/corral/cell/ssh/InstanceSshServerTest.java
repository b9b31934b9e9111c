package io.corral.cell.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.support.FreePorts;
import io.corral.testsupport.ssh.OpenSshClient;
import io.corral.testsupport.ssh.OpenSshClient.Background;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import io.corral.testsupport.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance's SSH daemon driven by the OpenSSH client as the ssh-proxy's second hop and
 * a user would drive it: the route's key, the instance's directory and environment.
 */
class InstanceSshServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String USER = "vcap";

    @TempDir
    static Path keys;

    @TempDir
    Path instance;

    @TempDir
    Path local;

    private static Path routeKey;

    private static Path hostKey;

    private InstanceSshServer server;

    private ServerSocket appPort;

    private OpenSshClient client;

    @BeforeAll
    static void keys() {
        routeKey = OpenSshClient.keygen(keys.resolve("route_key"));
        hostKey = OpenSshClient.keygen(keys.resolve("host_key"), "-m", "PEM");
    }

    @BeforeEach
    void start() throws IOException {
        appPort = new ServerSocket(0);
        server = InstanceSshServer
            .start(spec(RouteKeys.hostKey(OpenSshClient.readString(hostKey)), Map.of(8080, appPort.getLocalPort())));
        client = OpenSshClient.withKey(server.port(), USER, routeKey);
    }

    private InstanceSshSpec spec(KeyPair host, Map<Integer, Integer> ports) {
        return new InstanceSshSpec(instance, Map.of("INSTANCE_INDEX", "1", "GREETING", "it's \"quoted\""), host,
                RouteKeys.authorizedKeyOf(OpenSshClient.readString(routeKey)), USER, "127.0.0.1", 0, ports);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        appPort.close();
    }

    @Test
    void aCommandRunsInTheInstancesDirectoryAndEnvironmentAndItsExitStatusIsTheClients() throws IOException {
        Result result = client.ssh("", "echo $INSTANCE_INDEX; pwd; echo \"$GREETING\"; echo oops >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("1\n" + instance.toRealPath() + "\nit's \"quoted\"\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void outputWrittenJustBeforeTheCommandExitsArrivesWhole() {
        Result result = client.ssh("",
                "head -c 300000 /dev/zero | tr '\\0' o; head -c 200001 /dev/zero | tr '\\0' e >&2; exit 5");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stdout()).hasSize(300_000).matches("o+");
        assertThat(result.stderr()).hasSize(200_001).matches("e+");
    }

    @Test
    void stdinReachesTheCommandToItsEnd() {
        String input = "line\n".repeat(20_000);

        Result result = client.ssh(input, "wc -l");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("20000");
    }

    @Test
    void theAgentsOwnEnvironmentIsNotTheInstancesAndTheClientCannotChangeIt() {
        Result result = client.ssh(Map.of("LC_MESSAGES", "C", "INSTANCE_INDEX", "7"), "", "-o",
                "SendEnv=LC_MESSAGES INSTANCE_INDEX", "--", "env");

        assertThat(result.stdout()).contains("INSTANCE_INDEX=1", "HOME=" + instance, "USER=vcap", "LC_MESSAGES=C")
            .doesNotContain("JAVA_HOME", "MAVEN", "INSTANCE_INDEX=7");
    }

    @Test
    void aShellWithATerminalIsInteractive() {
        Result result = client.ssh("tty; echo \"index $INSTANCE_INDEX in $PWD\"; exit 7\n", "-tt", "-o",
                "SetEnv=TERM=xterm-test", "--");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).contains("/dev/pts/", "index 1 in " + instance);
    }

    @Test
    void aCommandWithATerminalSeesOneAndItsExitStatusIsKept() {
        Result result = client.ssh("", "-tt", "--", "test -t 0 && test -t 1 && echo \"term $TERM\"; exit 4");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).contains("term ");
    }

    @Test
    void anotherKeyIsRefused() throws IOException {
        Path stranger = OpenSshClient.keygen(local.resolve("stranger"));

        Result result = client.usingKey(stranger).ssh("", "echo in");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void theRoutesKeyForAnotherUserIsRefused() {
        Result result = client.as("root").ssh("", "echo in");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void passwordsAreNotOffered() {
        Result result = client.ssh("", "-o", "PreferredAuthentications=password,keyboard-interactive", "--", "true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void scpCopiesFilesInAndOutOfTheInstancesDirectory() throws IOException {
        Files.writeString(local.resolve("upload.txt"), "to the instance\n");
        Files.writeString(instance.resolve("app.log"), "from the instance\n");

        Result in = client.scp(local.resolve("upload.txt").toString(), "remote:upload.txt");
        Result out = client.scp("remote:app.log", local.resolve("app.log").toString());

        assertThat(in.exitCode()).as(in.stderr()).isZero();
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(instance.resolve("upload.txt")).hasContent("to the instance");
        assertThat(local.resolve("app.log")).hasContent("from the instance");
    }

    @Test
    void legacyScpCopiesFilesInAndOut() throws IOException {
        Files.writeString(local.resolve("upload.txt"), "legacy in\n");
        Files.createDirectories(instance.resolve("logs"));
        Files.writeString(instance.resolve("logs/app.log"), "legacy out\n");

        Result in = client.scp("-O", local.resolve("upload.txt").toString(), "remote:upload.txt");
        Result out = client.scp("-O", "remote:logs/app.log", local.resolve("app.log").toString());

        assertThat(in.exitCode()).as(in.stderr()).isZero();
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(instance.resolve("upload.txt")).hasContent("legacy in");
        assertThat(local.resolve("app.log")).hasContent("legacy out");
    }

    @Test
    void sftpStartsInTheInstancesDirectory() throws IOException {
        Files.writeString(instance.resolve("app.log"), "log\n");

        Result result = client.sftp("pwd\nls\nmkdir made\n");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Remote working directory: " + instance, "app.log");
        assertThat(instance.resolve("made")).isDirectory();
    }

    @Test
    void localForwardingReachesTheInstancesPortByItsContainerPort() throws IOException {
        Thread app = serve("hello from the app\n");
        int localPort = FreePorts.pick();
        Background forwarding = client.start("-N", "-L", localPort + ":localhost:8080", "--");
        try {
            Eventually.untilPasses(PATIENCE, () -> assertThat(readFrom(localPort)).isEqualTo("hello from the app\n"));
        }
        finally {
            forwarding.close();
            app.interrupt();
        }
    }

    @Test
    void aForwardedConnectionMayNameTheHostPort() {
        Thread app = serve("by host port\n");
        try {
            Result result = client.ssh("", "-W", "127.0.0.1:" + appPort.getLocalPort(), "--");

            assertThat(result.stdout()).isEqualTo("by host port\n");
        }
        finally {
            app.interrupt();
        }
    }

    @Test
    void forwardingToAnythingButTheInstancesPortsIsRefused() throws IOException {
        try (ServerSocket other = new ServerSocket(0)) {
            for (String target : List.of("localhost:" + other.getLocalPort(), "10.0.0.1:8080", "example.com:8080")) {
                Result result = client.ssh("", "-o", "LogLevel=INFO", "-W", target, "--");

                assertThat(result.exitCode()).as(target).isEqualTo(255);
                assertThat(result.stderr()).as(target).contains("administratively prohibited");
            }
        }
    }

    @Test
    void remoteForwardingIsRefused() {
        Result result = client.ssh("", "-o", "ExitOnForwardFailure=yes", "-R", "0:localhost:8080", "--", "true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).contains("remote port forwarding failed");
    }

    @Test
    void agentAndX11ForwardingAreRefused() throws Exception {
        Path socket = local.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try {
            Eventually.await(PATIENCE, "the agent listens", () -> Files.exists(socket));

            Result result = client.ssh(Map.of("SSH_AUTH_SOCK", socket.toString(), "DISPLAY", ":0"), "", "-A", "-X",
                    "-o", "LogLevel=INFO", "--", "echo \"agent=$SSH_AUTH_SOCK display=$DISPLAY\"");

            assertThat(result.stdout()).isEqualTo("agent= display=\n");
            assertThat(result.stderr()).contains("forwarding request failed");
        }
        finally {
            agent.destroy();
        }
    }

    @Test
    void closingTheServerEndsALiveSessionAndWhatRunsInIt() throws InterruptedException {
        try (Background session = client.start("--", "exec sleep 617")) {
            Eventually.await(PATIENCE, "the command runs", () -> running("sleep 617"));

            server.close();

            assertThat(session.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(session.process().exitValue()).isEqualTo(255);
        }
        Eventually.await(PATIENCE, "the command is ended", () -> !running("sleep 617"));
        assertThat(client.ssh("", "true").exitCode()).isEqualTo(255);
    }

    @Test
    void closingTheServerEndsAShellWithATerminal() throws InterruptedException {
        try (Background session = client.start("-tt", "--", "exec sleep 619")) {
            Eventually.await(PATIENCE, "the command runs", () -> running("sleep 619"));

            server.close();

            assertThat(session.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        Eventually.await(PATIENCE, "the command is ended", () -> !running("sleep 619"));
    }

    @Test
    void theHostKeyIsTheRoutesAndHasTheFingerprintsTheRouteCarries() {
        HostKeyFingerprints route = HostKeyFingerprints
            .of(RouteKeys.hostKey(OpenSshClient.readString(hostKey)).getPublic());

        assertThat(server.hostKeyFingerprints()).isEqualTo(route);
        assertThat(keygenFingerprint(hostKey.resolveSibling("host_key.pub"), "sha256")).isEqualTo(route.sha256());
        assertThat(keygenFingerprint(hostKey.resolveSibling("host_key.pub"), "md5")).isEqualTo("MD5:" + route.md5());
        assertThat(offeredHostKeyFingerprint(server.port())).isEqualTo(route.sha256());
    }

    @Test
    void withoutARouteHostKeyOneIsGeneratedAndItsFingerprintsAreTheOnesOffered() {
        try (InstanceSshServer generated = InstanceSshServer.start(spec(RouteKeys.hostKey(null), Map.of()))) {
            Result result = OpenSshClient.withKey(generated.port(), USER, routeKey).ssh("", "echo $INSTANCE_INDEX");

            assertThat(result.stdout()).isEqualTo("1\n");
            assertThat(offeredHostKeyFingerprint(generated.port())).isEqualTo(generated.hostKeyFingerprints().sha256());
            assertThat(generated.hostKeyFingerprints().md5()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){15}");
        }
    }

    @Test
    void aPortInUseIsReportedAtStart() {
        InstanceSshSpec taken = new InstanceSshSpec(instance, Map.of(), RouteKeys.hostKey(null),
                RouteKeys.authorizedKeyOf(OpenSshClient.readString(routeKey)), USER, "127.0.0.1", server.port(),
                Map.of());

        assertThatThrownBy(() -> InstanceSshServer.start(taken)).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void aSpecIsValidated() {
        PublicKey key = RouteKeys.authorizedKeyOf(OpenSshClient.readString(routeKey));
        KeyPair host = RouteKeys.hostKey(null);

        assertThatThrownBy(() -> new InstanceSshSpec(instance.resolve("missing"), Map.of(), host, key, USER,
                "127.0.0.1", 0, Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> new InstanceSshSpec(instance, Map.of(), host, key, "bad user", "127.0.0.1", 0, Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstanceSshSpec(instance, Map.of(), host, key, USER, "127.0.0.1", 70000, Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> new InstanceSshSpec(instance, Map.of(), host, key, USER, "127.0.0.1", 0, Map.of(8080, 0)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** The SHA-256 fingerprint of the host key the daemon on {@code port} presents. */
    private String offeredHostKeyFingerprint(int port) {
        Result scan = OpenSshClient.run(List.of("ssh-keyscan", "-t", "ecdsa", "-p", String.valueOf(port), "127.0.0.1"),
                "");
        String line = scan.stdout().lines().filter(it -> !it.startsWith("#")).findFirst().orElseThrow();
        Path file = local.resolve("scanned.pub");
        try {
            Files.writeString(file, line.substring(line.indexOf(' ') + 1) + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keygenFingerprint(file, "sha256");
    }

    private static String keygenFingerprint(Path publicKey, String hash) {
        Result result = OpenSshClient.run(List.of("ssh-keygen", "-l", "-E", hash, "-f", publicKey.toString()), "");
        return result.stdout().split(" ")[1];
    }

    private static boolean running(String commandLine) {
        return ProcessHandle.allProcesses()
            .anyMatch(it -> it.info().commandLine().map(line -> line.endsWith(commandLine)).orElse(false));
    }

    /**
     * The app: answers every connection to its port with {@code text}, then closes it.
     */
    private Thread serve(String text) {
        Thread app = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Socket connection = appPort.accept(); OutputStream out = connection.getOutputStream()) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
                catch (IOException e) {
                    return;
                }
            }
        }, "app");
        app.setDaemon(true);
        app.start();
        return app;
    }

    private static String readFrom(int port) {
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(10_000);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
