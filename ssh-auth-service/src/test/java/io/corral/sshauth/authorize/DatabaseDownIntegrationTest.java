package io.corral.sshauth.authorize;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.DatabaseOutage;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.SseLines;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ssh-auth-service while its database is unreachable (cut off by a proxy, a real
 * PostgreSQL behind it) and after it returns. A refused login's failure cannot be
 * counted, so the answer is 503, not a refusal that would leave the failure uncounted;
 * policy writes are 503 too; readiness is DOWN; the proxies' grant stream keeps its
 * heartbeats. Once the database is back, refusals are counted again and the policy
 * acknowledged before the outage is there, without a restart.
 */
class DatabaseDownIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String HEARTBEAT_LINE = ":heartbeat";

    @Test
    void aFailureThatCannotBeCountedIsDatabaseUnavailableUntilTheDatabaseIsBack() {
        try (DatabaseOutage outage = new DatabaseOutage()) {
            Map<String, String> settings = new HashMap<>(outage.dataSource());
            settings.put("corral.ssh.grants.heartbeat-interval", "200ms");
            try (SshAuthFixture platform = new SshAuthFixture(settings);
                    SseLines grantEvents = new SseLines(platform.sshAuth.uri(), "/v1/ssh/grants/events",
                            SshAuthFixture.proxyToken())) {
                String expired = SshAuthFixture.expiredUserToken("kim");
                assertRefused(platform.authorize("cf:app-any/0", expired, "192.0.2.150:1"), "token_expired");
                platform.admin("PUT", "/v1/ssh/policy/spaces/space-before", "{\"enabled\": false}").expect(200);

                outage.cut(platform.sshAuth);

                RawHttp promptly = DatabaseOutage.answeringPromptly(platform.sshAuth);
                SshAuthFixture.authorize(promptly, "cf:app-any/0", expired, "192.0.2.150:1")
                    .assertError(503, "DatabaseUnavailable");
                promptly
                    .send("PUT", "/v1/ssh/policy/spaces/space-during", SshAuthFixture.adminToken(),
                            "{\"enabled\": false}")
                    .assertError(503, "DatabaseUnavailable");
                long heartbeatsSoFar = grantEvents.count(HEARTBEAT_LINE);
                Eventually.await(LIMIT, "grant stream heartbeats go on without the database",
                        () -> grantEvents.count(HEARTBEAT_LINE) >= heartbeatsSoFar + 5);

                outage.restore(platform.sshAuth);

                Eventually.await(LIMIT, "failures are counted again",
                        () -> platform.authorize("cf:app-any/0", expired, "192.0.2.150:1").status() == 403);
                assertThat(platform.admin("GET", "/v1/ssh/policy/spaces/space-before", null)
                    .expect(200)
                    .path("enabled")
                    .asBoolean()).isFalse();
                assertThat(platform.admin("GET", "/v1/ssh/policy/spaces/space-during", null)
                    .expect(200)
                    .path("configured")
                    .asBoolean()).isFalse();
                platform.admin("PUT", "/v1/ssh/policy/spaces/space-during", "{\"enabled\": false}").expect(200);
            }
        }
    }

}
