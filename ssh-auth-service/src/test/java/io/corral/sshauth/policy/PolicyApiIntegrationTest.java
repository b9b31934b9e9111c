package io.corral.sshauth.policy;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin API: switches per level, members, and the audit of every change. */
class PolicyApiIntegrationTest {

    private static SshAuthFixture platform;

    @BeforeAll
    static void start() {
        platform = new SshAuthFixture();
        platform.desire("ops-v1", "app-ops", "space-p", 1);
        platform.run("ops-v1", 0);
        platform.addDeveloper("space-p", "erin");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void anUnsetLevelIsOpenAndASetOneIsShownAsSet() {
        JsonNode open = platform.admin("GET", "/v1/ssh/policy/apps/app-new", null).expect(200);
        assertThat(open.path("configured").asBoolean()).isFalse();
        assertThat(open.path("enabled").asBoolean()).isTrue();

        JsonNode set = platform
            .admin("PUT", "/v1/ssh/policy/apps/app-new", "{\"enabled\": true, \"permissions\": {\"exec\": false}}")
            .expect(200);
        assertThat(set.path("configured").asBoolean()).isTrue();
        assertThat(set.path("permissions").path("exec").asBoolean()).isFalse();
        assertThat(set.path("permissions").path("shell").asBoolean()).isTrue();
        assertThat(set.path("updated_by").asString()).isEqualTo("test-user");
        assertThat(platform.admin("GET", "/v1/ssh/policy/apps/app-new", null).expect(200)).isEqualTo(set);
    }

    @Test
    void thePlatformSwitchTurnsSshOffForEveryoneAndEveryChangeIsAudited() {
        platform.admin("PUT", "/v1/ssh/policy/platform", "{\"enabled\": false}").expect(200);
        assertRefused(platform.authorize("cf:app-ops/0", userToken("erin")), "ssh_disabled_platform");
        assertRefused(platform.authorize("cf:app-ops/0", userToken("root", "cloud_controller.admin")),
                "ssh_disabled_platform");

        platform.admin("PUT", "/v1/ssh/policy/platform", "{\"enabled\": true}").expect(200);
        platform.authorize("cf:app-ops/0", userToken("erin")).expect(200);

        JsonNode entries = platform.admin("GET", "/v1/ssh/policy/audit?limit=2", null).expect(200).path("entries");
        assertThat(entries.path(0).path("action").asString()).isEqualTo("update");
        assertThat(entries.path(0).path("before").path("enabled").asBoolean()).isFalse();
        assertThat(entries.path(0).path("after").path("enabled").asBoolean()).isTrue();
        assertThat(entries.path(1).path("scope").asString()).isEqualTo("platform");
        assertThat(entries.path(1).path("actor").asString()).isEqualTo("test-user");
    }

    @Test
    void membersAreListedAddedOnceAndRemoved() {
        platform.addDeveloper("space-m", "frank");
        platform.addDeveloper("space-m", "frank");
        JsonNode members = platform.admin("GET", "/v1/ssh/spaces/space-m/members", null).expect(200);
        assertThat(members).hasSize(1);
        assertThat(members.path(0).path("user_id").asString()).isEqualTo("frank");
        assertThat(members.path(0).path("role").asString()).isEqualTo("developer");

        platform.admin("DELETE", "/v1/ssh/spaces/space-m/members/frank", null).expect(204);
        assertThat(platform.admin("GET", "/v1/ssh/spaces/space-m/members", null).expect(200)).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        platform.admin("PUT", "/v1/ssh/policy/platform", "{\"enabled\": true, \"replace_tainted\": true}")
            .assertError(400, "InvalidRequest", "replace_tainted");
        platform.admin("PUT", "/v1/ssh/policy/spaces/space-p", "{}").assertError(400, "InvalidRequest", "enabled");
        platform.admin("PUT", "/v1/ssh/spaces/space-p/members/erin", "{\"role\": \"manager\"}")
            .assertError(400, "InvalidRequest", "role");
        platform.admin("GET", "/v1/ssh/policy/audit?limit=0", null).assertError(400, "InvalidRequest", "limit");
    }

    @Test
    void onlyAdminsChangeThePolicy() {
        platform.http.send("PUT", "/v1/ssh/policy/platform", SshAuthFixture.proxyToken(), "{\"enabled\": false}")
            .assertError(403, "Forbidden");
        platform.http.send("GET", "/v1/ssh/spaces/space-p/members", userToken("erin"), null)
            .assertError(403, "Forbidden");
        platform.http.send("GET", "/v1/ssh/policy/platform", null, null).assertError(401, "Unauthorized");
    }

    @Test
    void theInfoEndpointNamesTheProxy() {
        JsonNode info = platform.http.send("GET", "/v1/ssh/info", TestTokens.withClaims(Map.of()), null).expect(200);
        assertThat(info.path("app_ssh_endpoint").asString()).isEqualTo("localhost:2222");
        assertThat(info.path("app_ssh_oauth_client").asString()).isEqualTo("ssh-proxy");
        assertThat(info.has("app_ssh_host_key_fingerprint")).isTrue();
    }

}
