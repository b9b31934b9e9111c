package io.corral.sshauth.authorize;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.SshAuthFixture;
import io.corral.sshauth.audit.AccessAudit;
import io.corral.support.security.DevIssuer;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A proxy's logins against a real receptor on real PostgreSQL: what a grant holds, and
 * every refusal with its reason.
 */
class AuthorizeIntegrationTest {

    private static SshAuthFixture platform;

    private static ActualLrp running;

    @BeforeAll
    static void start() {
        platform = new SshAuthFixture();
        platform.desire("web-v1", "app-web", "space-a", 3);
        running = platform.run("web-v1", 0);
        platform.run("web-v1", 2);
        ActualLrp third = platform.receptor.actualLrp("web-v1", 2);
        platform.receptor.transition(SshAuthFixture.CELL, "web-v1", 2, "crash",
                new InstanceTransition(third.instanceGuid(), third.modificationTag(), null, null, "boom", null));
        platform.addDeveloper("space-a", "alice");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aDeveloperOfTheSpaceIsGrantedTheInstanceWithTheSecondHopCredentials() {
        JsonNode grant = platform.authorize("cf:app-web/0", "bearer " + userToken("alice")).expect(200);

        assertThat(grant.path("grant_id").asString()).hasSize(36);
        assertThat(grant.path("user_id").asString()).isEqualTo("alice");
        assertThat(grant.path("user_name").asString()).isEqualTo("alice-name");
        assertThat(grant.path("process_guid").asString()).isEqualTo("web-v1");
        assertThat(grant.path("instance_guid").asString()).isEqualTo(running.instanceGuid());
        assertThat(grant.path("index").asInt()).isZero();
        assertThat(grant.path("app_guid").asString()).isEqualTo("app-web");
        assertThat(grant.path("space_guid").asString()).isEqualTo("space-a");
        assertThat(grant.path("address").asString()).isEqualTo("10.0.0.9");
        assertThat(grant.path("port").asInt()).isEqualTo(61000);
        assertThat(grant.path("user").asString()).isEqualTo("vcap");
        assertThat(grant.path("private_key").asString()).isEqualTo(SshAuthFixture.PRIVATE_KEY);
        assertThat(grant.path("host_fingerprint").asString()).isEqualTo(SshAuthFixture.FINGERPRINT);
        assertThat(grant.path("permissions")).isEqualTo(allPermissions());
        assertThat(grant.path("replace_tainted").asBoolean()).isFalse();
    }

    @Test
    void theTokenIsAcceptedWithoutTheBearerPrefixToo() {
        platform.authorize("cf:app-web/0", userToken("alice")).expect(200);
    }

    @Test
    void anAdminScopeReachesEveryApp() {
        platform.authorize("cf:app-web/0", userToken("root", "cloud_controller.admin")).expect(200);
    }

    @Test
    void aUserOfAnotherSpaceIsNotAuthorizedAndCannotTellWhetherTheAppExists() {
        platform.addDeveloper("space-b", "bob");
        var existing = platform.authorize("cf:app-web/0", userToken("bob"), "198.51.100.1:1");
        var missing = platform.authorize("cf:app-nowhere/0", userToken("bob"), "198.51.100.1:2");

        assertRefused(existing, "not_authorized");
        assertRefused(missing, "not_authorized");
        assertThat(existing.body()).isEqualTo(missing.body());
        assertRefused(platform.authorize("cf:app-web/1", userToken("bob"), "198.51.100.1:3"), "not_authorized");
    }

    @Test
    void aBadIndexAndAStoppedInstanceAreToldToTheSpacesDevelopers() {
        assertRefused(platform.authorize("cf:app-web/7", userToken("alice")), "no_such_index");
        assertRefused(platform.authorize("cf:app-web/1", userToken("alice")), "instance_not_running");
        assertRefused(platform.authorize("cf:app-web/2", userToken("alice")), "instance_not_running");
    }

    @Test
    void badCredentialsAreRefusedAndAnExpiredTokenSaysSo() throws Exception {
        assertRefused(platform.authorize("cf:app-web/0", SshAuthFixture.expiredUserToken("alice"), "192.0.2.50:1"),
                "token_expired");
        assertRefused(platform.authorize("cf:app-web/0", "not-a-token", "192.0.2.50:1"), "invalid_credential");
        assertRefused(platform.authorize("cf:app-web/0", forgedToken(), "192.0.2.51:1"), "invalid_credential");
        assertRefused(platform.authorize("cf:app-web/0", otherIssuerToken(), "192.0.2.51:1"), "invalid_credential");
        assertRefused(platform.authorize("cf:app-web/0", userToken("alice") + "x", "192.0.2.52:1"),
                "invalid_credential");
    }

    @Test
    void malformedUserNamesAreRefused() {
        List<String> usernames = List.of("app-web/0", "cf:app-web", "cf:app-web/-1", "cf:app web/0", "ssh:app-web/0",
                "cf:app-web/01", "cf:app-web/0/1", "diego:/0");
        for (int i = 0; i < usernames.size(); i++) {
            assertRefused(platform.authorize(usernames.get(i), userToken("alice"), "192.0.2." + (60 + i) + ":22"),
                    "invalid_username");
        }
    }

    @Test
    void theSixthBadPasswordInAMinuteIsThrottled() {
        String client = "192.0.2.99:4000";
        for (int i = 0; i < 5; i++) {
            assertRefused(platform.authorize("cf:app-web/0", "wrong-" + i, client), "invalid_credential");
        }
        var throttled = platform.authorize("cf:app-web/0", userToken("alice"), client);
        throttled.assertError(429, "TooManyAttempts");
        assertThat(throttled.json().path("reason").asString()).isEqualTo("rate_limited");
        // A stranger's bad passwords do not lock the app's developers out from elsewhere.
        platform.authorize("cf:app-web/0", userToken("alice"), "192.0.2.98:1").expect(200);
    }

    @Test
    void failuresCountAcrossReplicas() {
        String client = "192.0.2.97:4000";
        try (ServiceUnderTest replica = platform.startReplica()) {
            RawHttp second = new RawHttp(replica.uri());
            for (int i = 0; i < 3; i++) {
                assertRefused(platform.authorize("cf:app-web/0", "wrong-" + i, client), "invalid_credential");
            }
            for (int i = 3; i < 5; i++) {
                assertRefused(SshAuthFixture.authorize(second, "cf:app-web/0", "wrong-" + i, client),
                        "invalid_credential");
            }

            SshAuthFixture.authorize(second, "cf:app-web/0", userToken("alice"), client)
                .assertError(429, "TooManyAttempts");
            // The first replica learns it at the next failure it sees, and throttles
            // after.
            assertRefused(platform.authorize("cf:app-web/0", "wrong-5", client), "invalid_credential");
            platform.authorize("cf:app-web/0", userToken("alice"), client).assertError(429, "TooManyAttempts");
        }
    }

    @Test
    void operatorLoginsAreOffUnlessConfigured() {
        assertRefused(platform.authorize("diego:web-v1/0", "anything", "192.0.2.70:1"), "invalid_credential");
    }

    @Test
    void adminsReadEveryDecisionInTheAccessAuditNewestFirstWithoutTheCredential() {
        String client = "192.0.2.201:4000";
        String token = userToken("alice");
        String grantId = platform.authorize("cf:app-web/0", token, client).expect(200).path("grant_id").asString();
        assertRefused(platform.authorize("cf:app-web/7", token, client), "no_such_index");
        platform.sshAuth.bean(AccessAudit.class).flush();

        var page = platform.admin("GET", "/v1/ssh/access/audit?limit=1000", null);
        List<JsonNode> ours = page.expect(200)
            .path("entries")
            .valueStream()
            .filter(entry -> entry.path("client_address").asString().equals(client))
            .toList();

        assertThat(ours).hasSize(2);
        assertThat(ours.get(0).path("outcome").asString()).isEqualTo("no_such_index");
        assertThat(ours.get(0).path("username").asString()).isEqualTo("cf:app-web/7");
        assertThat(ours.get(1).path("outcome").asString()).isEqualTo("granted");
        assertThat(ours.get(1).path("grant_id").asString()).isEqualTo(grantId);
        assertThat(ours.get(1).path("user_id").asString()).isEqualTo("alice");
        assertThat(ours.get(1).path("process_guid").asString()).isEqualTo("web-v1");
        assertThat(ours.get(1).path("index").asInt()).isZero();
        assertThat(ours.get(0).path("id").asLong()).isGreaterThan(ours.get(1).path("id").asLong());
        assertThat(page.body()).doesNotContain(token);
        JsonNode older = platform
            .admin("GET", "/v1/ssh/access/audit?limit=1&before_id=" + ours.get(0).path("id").asLong(), null)
            .expect(200);
        assertThat(older.path("entries").get(0).path("id").asLong()).isLessThan(ours.get(0).path("id").asLong());
        platform.http.send("GET", "/v1/ssh/access/audit", SshAuthFixture.proxyToken(), null)
            .assertError(403, "Forbidden");
        platform.admin("GET", "/v1/ssh/access/audit?limit=0", null).assertError(400, "InvalidRequest", "limit");
    }

    @Test
    void theProxyNeedsItsScope() {
        String body = "{\"username\": \"cf:app-web/0\", \"password\": \"x\", \"client_address\": \"1.2.3.4:5\"}";
        platform.http.send("POST", "/v1/ssh/authorize", userToken("alice"), body).assertError(403, "Forbidden");
        platform.http.send("POST", "/v1/ssh/authorize", null, body).assertError(401, "Unauthorized");
    }

    private static JsonNode allPermissions() {
        return ReceptorJson.mapper()
            .readTree("{\"shell\": true, \"exec\": true, \"local_port_forwarding\": true,"
                    + " \"remote_port_forwarding\": true, \"file_read\": true, \"file_write\": true}");
    }

    /** Our issuer's name and claims, signed with another key. */
    private static String forgedToken() throws Exception {
        Path key = TemporaryDirectories.create("forger").resolve("key");
        return new DevIssuer(TestTokens.ISSUER, key).mint("alice", List.of(), Duration.ofHours(1));
    }

    /** Signed with the trusted key but naming another issuer. */
    private static String otherIssuerToken() {
        Path key = Path.of(TestTokens.properties().get("corral.security.dev-issuer.key-file"));
        return new DevIssuer("https://other-uaa.example.com/oauth/token", key).mint("alice", List.of(),
                Duration.ofHours(1));
    }

}
