package io.corral.sshproxy.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.ssh.OpenSshClient;
import io.corral.testsupport.ssh.OpenSshClient.Background;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import io.corral.support.security.DevIssuer;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSH client through the proxy, decided by the real ssh-auth-service over a real
 * receptor, to OpenSSH's sshd: logins with a token and with a one-time code, and each
 * refusal the issue lists. Failed logins are throttled per client address (all of these
 * come from 127.0.0.1), so this class raises the limit; {@link ThrottleEndToEndTest}
 * keeps it.
 */
class EndToEndTest {

    private static final String APP = "0b5c8e1e-6f55-4a7e-9d6a-3c3f6e0e2a11";

    private static final String SPACE = "space-dev";

    private static final String OTHER_APP = "other-app";

    private static RealSshAuth corral;

    @BeforeAll
    static void start() {
        corral = new RealSshAuth(1000);
        corral.desire("web-v1", APP, SPACE, 2);
        corral.run("web-v1", 0);
        corral.desire("other-v1", OTHER_APP, "space-closed", 1);
        corral.run("other-v1", 0);
        corral.addDeveloper(SPACE, "dev-1");
        corral.addDeveloper("space-closed", "dev-3");
        corral.policy("spaces/space-closed", "{\"enabled\": false}");
    }

    @AfterAll
    static void stop() {
        corral.close();
    }

    private static OpenSshClient as(String username, String password) {
        return OpenSshClient.withPassword(corral.sshPort(), username, password);
    }

    @Test
    void aDeveloperLogsInWithTheirTokenAndRunsACommand() {
        Result result = as("cf:" + APP + "/0", RealSshAuth.userToken("dev-1")).ssh("", "echo from-instance; exit 6");

        assertThat(result.stdout()).isEqualTo("from-instance\n");
        assertThat(result.exitCode()).isEqualTo(6);
    }

    @Test
    void aOneTimeCodeLogsInOnce() {
        String code = corral.code(RealSshAuth.userToken("dev-1"));

        Result first = as("cf:" + APP + "/0", code).ssh("", "echo with-code");
        Result again = as("cf:" + APP + "/0", code).ssh("", "-o", "LogLevel=INFO", "--", "echo again");

        assertThat(first.stdout()).isEqualTo("with-code\n");
        assertThat(again.exitCode()).isEqualTo(255);
        assertThat(again.stdout()).isEmpty();
        assertThat(again.stderr()).contains("Permission denied");
    }

    @Test
    void aWrongTokenIsRefused() {
        assertRefused(as("cf:" + APP + "/0", "not-a-token"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        long now = System.currentTimeMillis();
        String expired = TestTokens.withClaims(claims -> claims.claim("user_id", "dev-1")
            .issueTime(new Date(now - 600_000))
            .expirationTime(new Date(now - 300_000)));

        assertRefused(as("cf:" + APP + "/0", expired));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        DevIssuer other = new DevIssuer("another-issuer",
                TemporaryDirectories.create("corral-other-issuer").resolve("key.json"));

        assertRefused(as("cf:" + APP + "/0", other.mint("dev-1", List.of(), Duration.ofHours(1))));
    }

    @Test
    void aUsedCodeIsRefused() {
        String code = corral.code(RealSshAuth.userToken("dev-1"));
        as("cf:" + APP + "/0", code).ssh("", "true");

        assertRefused(as("cf:" + APP + "/0", code));
    }

    @Test
    void aUserOfAnotherSpaceIsRefused() {
        assertRefused(as("cf:" + APP + "/0", RealSshAuth.userToken("dev-2")));
    }

    @Test
    void aSpaceWithSshDisabledIsRefused() {
        assertRefused(as("cf:" + OTHER_APP + "/0", RealSshAuth.userToken("dev-3")));
    }

    @Test
    void aStoppedInstanceIsRefused() {
        assertRefused(as("cf:" + APP + "/1", RealSshAuth.userToken("dev-1")));
    }

    @Test
    void aBadIndexIsRefused() {
        assertRefused(as("cf:" + APP + "/7", RealSshAuth.userToken("dev-1")));
    }

    @Test
    void disablingSshForTheSpaceClosesALiveSession() {
        corral.desire("live-v1", "live-app", "space-live", 1);
        corral.run("live-v1", 0);
        corral.addDeveloper("space-live", "dev-4");
        try (Background session = as("cf:live-app/0", RealSshAuth.userToken("dev-4")).start("-o", "LogLevel=INFO", "--",
                "echo live; sleep 120")) {
            Eventually.await(Duration.ofSeconds(30), "the session is live", () -> session.process().isAlive()
                    && corral.proxy.bean(io.corral.sshproxy.server.SessionRegistry.class).size() > 0);

            corral.policy("spaces/space-live", "{\"enabled\": false}");

            Eventually.await(Duration.ofSeconds(15), "the session ends", () -> !session.process().isAlive());
            assertThat(session.stderr()).contains("access withdrawn");
        }
    }

    private static void assertRefused(OpenSshClient user) {
        Result result = user.ssh("", "-o", "LogLevel=INFO", "--", "echo should-not-run");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(255);
        assertThat(result.stdout()).doesNotContain("should-not-run");
        assertThat(result.stderr()).contains("Permission denied");
    }

}
