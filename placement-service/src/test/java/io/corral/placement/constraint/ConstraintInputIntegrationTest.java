package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Placement reads JSON as strictly as the receptor (the shared conventions), and names
 * the caller safely: whatever the token's names hold, a change is stored whole or not at
 * all.
 */
class ConstraintInputIntegrationTest extends PlacementIntegrationTest {

    private static final String SPACE = "/v1/spaces/space-input/placement_constraints/running";

    private static final String AUDIT = "/v1/placement_constraints/audit?space_guid=";

    @Test
    void bodiesAreReadStrictlyAndNothingIsStored() {
        put("{\"tags\": [1, 2]}").assertError(400, "InvalidRequest", "tags[0]: expected a string");
        put("{\"max_instances_per_cell\": \"2\"}").assertError(400, "InvalidRequest",
                "max_instances_per_cell: expected an integer");
        put("{\"max_instances_per_cell\": 2.5}").assertError(400, "InvalidRequest",
                "max_instances_per_cell: expected an integer");
        put("{\"preferred_tags\": {\"ssd\": \"10\"}}").assertError(400, "InvalidRequest",
                "preferred_tags.ssd: expected an integer");
        put("{\"tags\": [\"a\"], \"tags\": [\"b\"]}").assertError(400, "InvalidRequest",
                "tags: appears more than once");
        put("{\"preferred_tags\": {\"ssd\": 1, \"ssd\": 2}}").assertError(400, "InvalidRequest",
                "preferred_tags.ssd: appears more than once");
        put("[\"dmz\"]").assertError(400, "InvalidRequest", "request body: expected an object");
        put("{\"tags\": [\"dmz\\u0000\"]}").assertError(400, "InvalidRequest", "tags[0]: ", "NUL");
        put("{\"preferred_tags\": {\"s\\u0000d\": 5}}").assertError(400, "InvalidRequest", "preferred_tags", "NUL");
        // Even a field the service ignores is read up to the depth limit, and no deeper.
        put("{\"colour\": " + "[".repeat(100) + "]".repeat(100) + "}").assertError(400, "InvalidRequest",
                "nested deeper than 64 levels");

        admin().get(SPACE).assertError(404, "PlacementConstraintNotFound");
        assertThat(admin().get(AUDIT + "space-input").expect(200).path("entries")).isEmpty();
    }

    @Test
    void requestParametersAreNamedAsTheApiNamesThem() {
        RawHttp.Response response = admin().get("/v1/placement/explain?process_guid=bad.guid!&index=0");
        response.assertError(400, "InvalidRequest", "process_guid");
        assertThat(response.json().path("message").asString()).doesNotContain("explain", "processGuid");
        admin().get("/v1/placement/explain?process_guid=web&index=-1")
            .assertError(400, "InvalidRequest", "index")
            .json();
    }

    @Test
    void actorNamesAreBoundedAndCleanedAndTheChangeIsKeptWhole() {
        String longName = "u".repeat(300);
        String space = "/v1/spaces/space-actor/placement_constraints/running";

        admin().as(adminToken(Map.of("user_name", longName)))
            .put(space + "?rollout=rolling", "{\"tags\": [\"dmz\"]}")
            .expect(200);
        admin().as(adminToken(Map.of("user_name", "mal\u0000lory\n"))).put(space, "{\"tags\": [\"pci\"]}").expect(200);
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put("user_name", null);
        anonymous.put("sub", null);
        admin().as(adminToken(anonymous)).delete(space).expect(204);

        List<String> actors = admin().get(AUDIT + "space-actor")
            .expect(200)
            .path("entries")
            .valueStream()
            .map(entry -> entry.path("actor").asString())
            .toList();
        assertThat(actors).containsExactly("unknown", "mallory", "u".repeat(252) + "...");
        JsonNode rollouts = admin().get("/v1/rollouts").expect(200);
        assertThat(rollouts.valueStream().map(r -> r.path("created_by").asString())).contains("u".repeat(252) + "...");
    }

    private static String adminToken(Map<String, Object> claims) {
        return TestTokens.withClaims(claims, "placement.admin");
    }

    private RawHttp.Response put(String json) {
        return admin().put(SPACE, json);
    }

}
