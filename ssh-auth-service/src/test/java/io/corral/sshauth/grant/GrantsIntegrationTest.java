package io.corral.sshauth.grant;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.SseLines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live grants: the policy or the instance changes and the proxies are told; taint and
 * replacement after the session; an instance whose cell is lost.
 */
class GrantsIntegrationTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    private static SshAuthFixture platform;

    @BeforeAll
    static void start() {
        platform = new SshAuthFixture();
        platform.desire("shop-v1", "app-shop", "space-s", 1);
        platform.run("shop-v1", 0);
        platform.desire("cart-v1", "app-cart", "space-t", 2);
        platform.run("cart-v1", 0);
        platform.run("cart-v1", 1);
        platform.desire("blog-v1", "app-blog", "space-u", 1);
        platform.run("blog-v1", 0);
        platform.addDeveloper("space-s", "dora");
        platform.addDeveloper("space-t", "dora");
        platform.addDeveloper("space-u", "dora");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void disablingTheSpaceRevokesItsLiveGrantsAndRefusesNewLogins() {
        try (SseLines events = new SseLines(platform.sshAuth.uri(), "/v1/ssh/grants/events",
                SshAuthFixture.proxyToken())) {
            String grantId = grant("cf:app-shop/0");

            platform.admin("PUT", "/v1/ssh/policy/spaces/space-s", "{\"enabled\": false}").expect(200);

            Eventually.await(SOON, "grant_revoked for " + grantId,
                    () -> events.saw("grant_revoked", grantId) && events.saw("grant_revoked", "ssh_disabled_space"));
            JsonNode status = check(grantId);
            assertThat(status.path("live").asBoolean()).isFalse();
            assertThat(status.path("reason").asString()).isEqualTo("ssh_disabled_space");
            assertRefused(platform.authorize("cf:app-shop/0", userToken("dora")), "ssh_disabled_space");
            assertThat(events.saw("policy_changed", "space-s")).isTrue();

            platform.admin("DELETE", "/v1/ssh/policy/spaces/space-s", null).expect(204);
            grant("cf:app-shop/0");
        }
    }

    @Test
    void withdrawingAPermissionChangesTheGrantAndRemovingTheMemberRevokesIt() {
        try (SseLines events = new SseLines(platform.sshAuth.uri(), "/v1/ssh/grants/events",
                SshAuthFixture.proxyToken())) {
            String grantId = grant("cf:app-blog/0");

            platform
                .admin("PUT", "/v1/ssh/policy/apps/app-blog",
                        "{\"enabled\": true, \"permissions\": {\"file_write\": false, \"shell\": false}}")
                .expect(200);
            Eventually.await(SOON, "grant_changed", () -> events.saw("grant_changed", grantId));
            JsonNode changed = check(grantId).path("permissions");
            assertThat(changed.path("shell").asBoolean()).isFalse();
            assertThat(changed.path("file_write").asBoolean()).isFalse();
            assertThat(changed.path("exec").asBoolean()).isTrue();

            platform.admin("DELETE", "/v1/ssh/spaces/space-u/members/dora", null).expect(204);
            Eventually.await(SOON, "grant_revoked", () -> events.saw("grant_revoked", "not_authorized"));
            assertThat(check(grantId).path("live").asBoolean()).isFalse();
        }
    }

    @Test
    void anInstanceThatStopsRevokesItsGrants() {
        String grantId = grant("cf:app-cart/1");

        platform.receptor.stopInstance("cart-v1", 1);

        Eventually.await(SOON, "the grant revoked", () -> !check(grantId).path("live").asBoolean());
        assertThat(check(grantId).path("reason").asString()).isEqualTo("instance_not_running");
    }

    @Test
    void aTaintedInstanceIsMarkedAndReplacedAfterTheSessionWhenTheSpaceAsks() {
        platform.admin("PUT", "/v1/ssh/policy/spaces/space-t", "{\"enabled\": true, \"replace_tainted\": true}")
            .expect(200);
        ActualLrp before = platform.receptor.actualLrp("cart-v1", 0);
        JsonNode grant = platform.authorize("cf:app-cart/0", userToken("dora")).expect(200);
        assertThat(grant.path("replace_tainted").asBoolean()).isTrue();
        String grantId = grant.path("grant_id").asString();

        platform.http
            .send("POST", "/v1/ssh/grants/" + grantId + "/taint", SshAuthFixture.proxyToken(),
                    "{\"reason\": \"shell\"}")
            .expect(204);
        platform.http
            .send("POST", "/v1/ssh/grants/" + grantId + "/taint", SshAuthFixture.proxyToken(),
                    "{\"reason\": \"file_write\"}")
            .expect(204);
        assertThat(platform.receptor.actualLrp("cart-v1", 0).tainted()).isTrue();

        platform.http.send("DELETE", "/v1/ssh/grants/" + grantId, SshAuthFixture.proxyToken(), null).expect(204);
        platform.http.send("DELETE", "/v1/ssh/grants/" + grantId, SshAuthFixture.proxyToken(), null).expect(204);

        // Stopped: convergence (pushed out of these tests' way) starts a clean one.
        assertThat(platform.receptor.actualLrps("cart-v1")).extracting(ActualLrp::instanceGuid)
            .doesNotContain(before.instanceGuid());
        assertThat(check(grantId).path("reason").asString()).isEqualTo("ended");
    }

    @Test
    void aLostCellsInstanceIsStillReachedAndKeepsItsGrantsUntilItsReplacementRuns() {
        platform.desire("lost-v1", "app-lost", "space-v", 2);
        platform.addDeveloper("space-v", "dora");
        platform.receptor.heartbeat("cell-lost", ApiFixtures.cell("cell-lost", "z2", List.of(), 300));
        ActualLrp lost = platform.run("lost-v1", 0, "cell-lost", "10.0.0.4");
        platform.run("lost-v1", 1);
        String onLostCell = grant("cf:app-lost/0");
        String canary = grant("cf:app-lost/1");

        platform.receptor.heartbeat("cell-lost", ApiFixtures.cell("cell-lost", "z2", List.of(), 1));
        Eventually.untilPasses(SOON, () -> {
            platform.receptorService.bean(ConvergenceRunner.class).runOnce();
            assertThat(platform.receptor.actualLrps("lost-v1")).extracting(ActualLrp::presence)
                .contains(ActualLrpPresence.SUSPECT);
        });
        ActualLrp replacement = platform.receptor.actualLrp("lost-v1", 0);
        platform.receptor.transition(SshAuthFixture.CELL, "lost-v1", 0, "claim",
                ApiFixtures.transition(platform.receptor.assign("lost-v1", 0,
                        new Assignment(replacement.instanceGuid(), SshAuthFixture.CELL, null))));
        // The watcher takes the receptor's events in order: once it has seen this stop,
        // it
        // has seen the suspect before it.
        platform.receptor.stopInstance("lost-v1", 1);
        Eventually.await(SOON, "the canary grant revoked", () -> !check(canary).path("live").asBoolean());

        assertThat(check(onLostCell).path("live").asBoolean()).as("a suspect still runs").isTrue();
        JsonNode suspect = platform.authorize("cf:app-lost/0", userToken("dora")).expect(200);
        assertThat(suspect.path("instance_guid").asString()).as("not its replacement, which does not run yet")
            .isEqualTo(lost.instanceGuid());
        assertThat(suspect.path("address").asString()).isEqualTo("10.0.0.4");

        ActualLrp claimed = platform.receptor.actualLrp("lost-v1", 0);
        platform.receptor.transition(SshAuthFixture.CELL, "lost-v1", 0, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.5",
                        List.of(new PortMapping(2222, 61100)), null, null));
        Eventually.await(SOON, "the suspect's grant revoked", () -> !check(onLostCell).path("live").asBoolean());
        assertThat(check(onLostCell).path("reason").asString()).isEqualTo("instance_not_running");
        Eventually.untilPasses(SOON,
                () -> assertThat(
                        platform.authorize("cf:app-lost/0", userToken("dora")).expect(200).path("address").asString())
                    .isEqualTo("10.0.0.5"));
    }

    @Test
    void unknownGrantsAreNotFoundOrNotLive() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        platform.http.send("DELETE", "/v1/ssh/grants/" + unknown, SshAuthFixture.proxyToken(), null)
            .assertError(404, "SshGrantNotFound");
        assertThat(check(unknown).path("reason").asString()).isEqualTo("unknown_grant");
    }

    private static String grant(String username) {
        return platform.authorize(username, userToken("dora")).expect(200).path("grant_id").asString();
    }

    private static JsonNode check(String grantId) {
        return platform.http
            .send("POST", "/v1/ssh/grants/check", SshAuthFixture.proxyToken(), "{\"grant_ids\": [\"" + grantId + "\"]}")
            .expect(200)
            .path("grants")
            .path(0);
    }

}
