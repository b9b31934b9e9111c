package io.corral.sshproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.ssh.InstanceSshServer;
import io.corral.cell.ssh.InstanceSshSpec;
import io.corral.cell.ssh.RouteKeys;
import io.corral.testsupport.ssh.OpenSshClient;
import io.corral.testsupport.ssh.OpenSshClient.Background;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.StubSshAuth;
import io.corral.sshproxy.StubSshAuth.InstanceRoute;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's second hop to the daemon a cell agent runs for an instance (cell-agent's
 * {@code InstanceSshServer}) in place of OpenSSH's sshd: the route's user and private
 * key, its host key checked against the route's fingerprint in both forms Diego writes.
 */
class InstanceDaemonRelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path instance;

    @TempDir
    static Path keys;

    @TempDir
    Path local;

    static ServerSocket app;

    static InstanceSshServer daemon;

    static StubSshAuth sshAuth;

    static ServiceUnderTest proxy;

    static OpenSshClient user;

    @BeforeAll
    static void start() throws Exception {
        app = new ServerSocket(0);
        String privateKey = OpenSshClient.readString(OpenSshClient.keygen(keys.resolve("route_key")));
        daemon = InstanceSshServer
            .start(new InstanceSshSpec(instance, Map.of("INSTANCE_INDEX", "1"), RouteKeys.hostKey(null),
                    RouteKeys.authorizedKeyOf(privateKey), "vcap", "127.0.0.1", 0, Map.of(8080, app.getLocalPort())));
        sshAuth = StubSshAuth
            .start(new InstanceRoute(daemon.port(), "vcap", privateKey, daemon.hostKeyFingerprints().sha256()));
        proxy = ServiceUnderTest.start(SshProxyApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-auth.url",
                        sshAuth.uri().toString(), "corral.ssh-proxy.port", "0", "corral.ssh-proxy.address", "127.0.0.1",
                        "corral.ssh-proxy.host-key-file", keys.resolve("proxy.key").toString(),
                        "corral.ssh-proxy.generate-host-key", "true"));
        user = OpenSshClient.withPassword(proxy.bean(ProxyServer.class).port(), "cf:app-1/0", "good-token");
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        sshAuth.close();
        daemon.close();
        app.close();
    }

    @AfterEach
    void routeAsBefore() {
        sshAuth.resetFingerprint();
    }

    @Test
    void aCommandRunsInTheInstancesDirectoryAndEnvironment() throws IOException {
        Result result = user.ssh("", "echo $INSTANCE_INDEX; pwd; echo oops >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("1\n" + instance.toRealPath() + "\n");
        assertThat(result.stderr()).contains("oops");
    }

    @Test
    void anInteractiveShellGetsATerminal() {
        Result result = user.ssh("tty; echo index-$INSTANCE_INDEX; exit 4\n", "-tt", "--");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).contains("/dev/pts/", "index-1");
    }

    @Test
    void filesCopyInAndOutWithScpAndLegacyScp() throws IOException {
        Files.writeString(local.resolve("up.txt"), "into the instance\n");
        Files.writeString(instance.resolve("app.log"), "out of the instance\n");

        Result in = user.scp(local.resolve("up.txt").toString(), "remote:up.txt");
        Result legacyIn = user.scp("-O", local.resolve("up.txt").toString(), "remote:legacy.txt");
        Result out = user.scp("remote:app.log", local.resolve("app.log").toString());

        assertThat(in.exitCode()).as(in.output()).isZero();
        assertThat(legacyIn.exitCode()).as(legacyIn.output()).isZero();
        assertThat(out.exitCode()).as(out.output()).isZero();
        assertThat(instance.resolve("up.txt")).hasContent("into the instance");
        assertThat(instance.resolve("legacy.txt")).hasContent("into the instance");
        assertThat(local.resolve("app.log")).hasContent("out of the instance");
    }

    @Test
    void localForwardingReachesTheAppsPort() throws IOException {
        Thread answering = answerEveryConnection("hello from the app\n");
        int localPort;
        try (ServerSocket free = new ServerSocket(0)) {
            localPort = free.getLocalPort();
        }
        try (Background forwarding = user.start("-N", "-L", localPort + ":localhost:8080", "--")) {
            Eventually.untilPasses(PATIENCE, () -> assertThat(readFrom(localPort)).isEqualTo("hello from the app\n"));
        }
        finally {
            answering.interrupt();
        }
    }

    @Test
    void theRoutesMd5FingerprintIsAcceptedAndAnotherKeysRefused() {
        sshAuth.routeFingerprint(daemon.hostKeyFingerprints().md5());
        assertThat(user.ssh("", "echo ok").stdout()).isEqualTo("ok\n");

        sshAuth.routeFingerprint("SHA256:" + "A".repeat(43));
        Result refused = user.ssh("", "-o", "LogLevel=INFO", "--", "echo should-not-run");

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stdout()).doesNotContain("should-not-run");
        assertThat(refused.stderr()).contains("the instance cannot be reached now");
    }

    private static Thread answerEveryConnection(String text) {
        Thread answering = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Socket connection = app.accept(); OutputStream out = connection.getOutputStream()) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
                catch (IOException e) {
                    return;
                }
            }
        }, "app");
        answering.setDaemon(true);
        answering.start();
        return answering;
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
