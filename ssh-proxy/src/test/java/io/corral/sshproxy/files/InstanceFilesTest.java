package io.corral.sshproxy.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.StubSshAuth;
import io.corral.sshproxy.TargetDaemon;
import io.corral.sshproxy.access.Permissions;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Files over HTTPS through the proxy to a real OpenSSH daemon's sftp, ssh-auth-service's
 * answers played by {@link StubSshAuth}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InstanceFilesTest {

    private static final String TOKEN = TestTokens.withScopes("cloud_controller.read");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TargetDaemon target;

    private static StubSshAuth sshAuth;

    private static ServiceUnderTest proxy;

    @BeforeAll
    static void start() throws IOException {
        target = TargetDaemon.start();
        sshAuth = StubSshAuth.start(target);
        sshAuth.acceptBearer(TOKEN);
        proxy = ServiceUnderTest.start(SshProxyApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-auth.url",
                        sshAuth.uri().toString(), "corral.ssh-proxy.port", "0", "corral.ssh-proxy.address", "127.0.0.1",
                        "corral.ssh-proxy.host-key-file",
                        TemporaryDirectories.create("corral-proxy").resolve("host.key").toString(),
                        "corral.ssh-proxy.generate-host-key", "true"));
        Files.createDirectories(target.home().resolve("logs"));
        Files.writeString(target.home().resolve("logs/app.log"), "started\nlistening on 8080\n");
        Files.createSymbolicLink(target.home().resolve("escape"), Path.of("/etc"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        sshAuth.close();
        target.close();
    }

    @AfterEach
    void allowEverythingAgain() {
        sshAuth.permit(Permissions.ALL);
    }

    @Test
    void aDirectoryIsListed() throws Exception {
        HttpResponse<String> listing = get("/v1/apps/app-1/instances/0/files/", TOKEN);

        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("\"path\":\"/\"")
            .contains("\"name\":\"logs\"")
            .contains("\"type\":\"directory\"");
        assertThat(get("/v1/apps/app-1/instances/0/files/logs", TOKEN).body()).contains("\"name\":\"app.log\"")
            .contains("\"size\":26");
    }

    @Test
    void aFileIsStreamed() throws Exception {
        HttpResponse<String> file = get("/v1/apps/app-1/instances/0/files/logs/app.log", TOKEN);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(file.body()).isEqualTo("started\nlistening on 8080\n");
        assertThat(sshAuth.authorizations.get(sshAuth.authorizations.size() - 1).path("username").asString())
            .isEqualTo("cf:app-1/0");
    }

    @Test
    void aDownloadTheClientAbandonsEndsItsSessionWithoutAnError(CapturedOutput output) throws Exception {
        Path heapDump = target.home().resolve("heap.hprof");
        Files.write(heapDump, new byte[32 * 1024 * 1024]);
        int released = sshAuth.released.size();
        try (Socket client = new Socket(proxy.uri().getHost(), proxy.uri().getPort())) {
            client.getOutputStream()
                .write(("GET /v1/apps/app-1/instances/0/files/heap.hprof HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(client.getInputStream().readNBytes(64 * 1024)).startsWith("HTTP/1.1 200".getBytes());
            // Long enough for the proxy to fill the socket's buffers and wait to write
            // more.
            Thread.sleep(1000);
            client.setSoLinger(true, 0);
        }
        finally {
            Files.delete(heapDump);
        }

        Eventually.await(Duration.ofSeconds(10), "the instance's session released",
                () -> sshAuth.released.size() > released);
        // The failed write is handled on the request's async dispatch, just after the
        // release.
        Thread.sleep(500);
        assertThat(output.getAll()).doesNotContain("unexpected failure", "No converter", "ERROR");
        assertThat(get("/v1/apps/app-1/instances/0/files/logs/app.log", TOKEN).statusCode()).isEqualTo(200);
    }

    /**
     * Spring interrupts a download's thread when its client goes away; the grant's end is
     * reported all the same, or ssh-auth-service would count the session live.
     */
    @Test
    void aDownloadWhoseThreadIsInterruptedStillEndsItsGrant() {
        InstanceFiles.Access access = proxy.bean(InstanceFiles.class).open("app-1", 0, TOKEN, "127.0.0.1:50000");
        String grantId = sshAuth.grants.get(sshAuth.grants.size() - 1);

        Thread.currentThread().interrupt();
        try {
            access.close();
        }
        finally {
            assertThat(Thread.interrupted()).as("the thread's interrupt is kept").isTrue();
        }

        assertThat(sshAuth.released).contains(grantId);
    }

    @Test
    void nothingAboveTheInstancesRootIsReachable() throws Exception {
        assertThat(get("/v1/apps/app-1/instances/0/files/logs/../../etc/passwd", TOKEN).statusCode()).isEqualTo(400);
        assertThat(get("/v1/apps/app-1/instances/0/files/escape/hostname", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/v1/apps/app-1/instances/0/files/no-such-file", TOKEN).body()).contains("InstanceFileNotFound");
    }

    @Test
    void withoutFileReadNothingIsRead() throws Exception {
        sshAuth.permit(Permissions.ALL.withFileRead(false));

        HttpResponse<String> refused = get("/v1/apps/app-1/instances/0/files/logs/app.log", TOKEN);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("SshAccessRefused").doesNotContain("started");
    }

    @Test
    void aRefusedTokenIsRefused() throws Exception {
        HttpResponse<String> refused = get("/v1/apps/app-1/instances/0/files/logs/app.log",
                TestTokens.withScopes("cloud_controller.read", "other"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("invalid_credential");
        assertThat(get("/v1/apps/app-1/instances/0/files/logs/app.log", null).statusCode()).isEqualTo(401);
    }

    @Test
    void malformedAppsAndIndicesAreRefused() throws Exception {
        assertThat(get("/v1/apps/app-1/instances/x/files/", TOKEN).statusCode()).isEqualTo(400);
        assertThat(get("/v1/apps/app%201/instances/0/files/", TOKEN).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.uri() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
