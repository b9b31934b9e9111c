package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.AdminHttp;
import io.corral.placement.PlacementIntegrationTest;
import io.corral.placement.auction.PlacementRules;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.TestTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PlacementConstraintApiIntegrationTest extends PlacementIntegrationTest {

    private static final String FULL = """
            {"tags": ["beta", "alpha"], "forbidden_tags": ["gpu"], "preferred_tags": {"ssd": 10},
             "max_instances_per_cell": 2}""";

    @Autowired
    PlacementConstraintService constraints;

    @Test
    void aSpaceConstraintIsCreatedReadReplacedAndDeleted() {
        String path = "/v1/spaces/space-crud/placement_constraints/running";
        Instant before = Instant.now();

        JsonNode created = admin().put(path, FULL).expect(200).path("constraint");

        assertThat(created.path("tags")).isEqualTo(json("[\"alpha\", \"beta\"]"));
        assertThat(created.path("forbidden_tags")).isEqualTo(json("[\"gpu\"]"));
        assertThat(created.path("preferred_tags")).isEqualTo(json("{\"ssd\": 10}"));
        assertThat(created.path("max_instances_per_cell").asInt()).isEqualTo(2);
        assertThat(created.path("space_guid").asString()).isEqualTo("space-crud");
        assertThat(created.path("lifecycle").asString()).isEqualTo("running");
        assertThat(created.path("updated_by").asString()).isEqualTo("test-user");
        Instant updatedAt = OffsetDateTime.parse(created.path("updated_at").asString()).toInstant();
        assertThat(updatedAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(admin().get(path).expect(200)).isEqualTo(created);

        JsonNode replaced = admin().put(path, "{\"tags\": [\"dmz\"]}").expect(200).path("constraint");
        assertThat(replaced.path("tags")).isEqualTo(json("[\"dmz\"]"));
        assertThat(replaced.path("forbidden_tags")).isEqualTo(json("[]"));
        assertThat(replaced.path("preferred_tags")).isEqualTo(json("{}"));
        assertThat(replaced.has("max_instances_per_cell")).isFalse();
        assertThat(admin().get(path).expect(200)).isEqualTo(replaced);
        admin().get("/v1/spaces/space-crud/placement_constraints/staging")
            .assertError(404, "PlacementConstraintNotFound", "space-crud", "staging");

        admin().delete(path).expect(204);
        admin().get(path).assertError(404, "PlacementConstraintNotFound", "space-crud");
        admin().delete(path).expect(204);
    }

    @Test
    void theDefaultAppliesToSpacesWithoutAConstraintOfTheirOwn() {
        String defaultPath = "/v1/placement_constraints/default/running";
        admin().get(defaultPath).assertError(404, "PlacementConstraintNotFound", "default");

        JsonNode created = admin().put(defaultPath, "{\"tags\": [\"linux\"], \"forbidden_tags\": [\"gpu\"]}")
            .expect(200)
            .path("constraint");
        assertThat(created.has("space_guid")).isFalse();
        assertThat(created.path("lifecycle").asString()).isEqualTo("running");
        assertThat(admin().get(defaultPath).expect(200)).isEqualTo(created);
        admin().put("/v1/spaces/space-own/placement_constraints/running", "{\"tags\": [\"dmz\"]}").expect(200);

        ConstraintBook book = constraints.current();
        assertThat(book.rulesFor("space-plain", Lifecycle.RUNNING, List.of("java")))
            .isEqualTo(new PlacementRules(Set.of("java", "linux"), Set.of("gpu"), Map.of(), null));
        assertThat(book.rulesFor("space-own", Lifecycle.RUNNING, List.of("java")))
            .isEqualTo(PlacementRules.requiring(Set.of("java", "dmz")));
        assertThat(book.effective("space-plain", Lifecycle.STAGING)).isEmpty();

        admin().delete(defaultPath).expect(204);
        admin().get(defaultPath).assertError(404, "PlacementConstraintNotFound");
        assertThat(constraints.current().effective("space-plain", Lifecycle.RUNNING)).isEmpty();
        admin().delete("/v1/spaces/space-own/placement_constraints/running").expect(204);
    }

    @Test
    void anEmptyConstraintIsAConstraintThatOverridesTheDefault() {
        admin().put("/v1/placement_constraints/default/staging", "{\"tags\": [\"builders\"]}").expect(200);

        JsonNode empty = admin().put("/v1/spaces/space-free/placement_constraints/staging", "{}")
            .expect(200)
            .path("constraint");

        assertThat(empty.path("tags")).isEqualTo(json("[]"));
        assertThat(constraints.current().effective("space-free", Lifecycle.STAGING)).contains(PlacementConstraint.NONE);
        admin().delete("/v1/placement_constraints/default/staging").expect(204);
    }

    @Test
    void unknownFieldsAreIgnoredAsTheReceptorIgnoresThem() {
        JsonNode stored = admin()
            .put("/v1/spaces/space-extra/placement_constraints/running", "{\"tags\": [\"dmz\"], \"colour\": \"blue\"}")
            .expect(200)
            .path("constraint");

        assertThat(stored.has("colour")).isFalse();
        assertThat(stored.path("tags")).isEqualTo(json("[\"dmz\"]"));
    }

    @Test
    void aRollingRolloutIsAccepted() {
        admin().put("/v1/spaces/space-roll/placement_constraints/running?rollout=rolling", "{\"tags\": [\"dmz\"]}")
            .expect(200);
        admin().put("/v1/spaces/space-roll/placement_constraints/running?rollout=none", "{\"tags\": [\"x\"]}")
            .expect(200);
    }

    @Test
    void everyEndpointNeedsThePlacementAdminScope() {
        AdminHttp reader = admin().as(TestTokens.withScopes("receptor.read", "receptor.write"));
        String space = "/v1/spaces/space-locked/placement_constraints/running";
        String fallback = "/v1/placement_constraints/default/running";

        reader.put(space, "{}").assertError(403, "Forbidden");
        reader.get(space).assertError(403, "Forbidden");
        reader.delete(space).assertError(403, "Forbidden");
        reader.put(fallback, "{}").assertError(403, "Forbidden");
        reader.get(fallback).assertError(403, "Forbidden");
        reader.delete(fallback).assertError(403, "Forbidden");
        reader.get("/v1/placement_constraints").assertError(403, "Forbidden");
        reader.get("/v1/placement_constraints/audit").assertError(403, "Forbidden");
        admin().as(TestTokens.expired()).put(space, "{}").assertError(401, "Unauthorized");
        admin().get(space).assertError(404, "PlacementConstraintNotFound");
    }

    private static JsonNode json(String text) {
        return ReceptorJson.mapper().readTree(text);
    }

}
