package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.AdminHttp;
import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.client.ReceptorJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConstraintListingIntegrationTest extends PlacementIntegrationTest {

    @Test
    void theListGroupsSpacesByTheirExactConstraintAndMarksTheDefaults() {
        AdminHttp admin = admin();
        admin.put("/v1/spaces/space-c/placement_constraints/running", "{\"tags\": [\"dmz\"]}").expect(200);
        admin.put("/v1/spaces/space-a/placement_constraints/running", "{\"tags\": [\"dmz\"]}").expect(200);
        admin
            .put("/v1/spaces/space-d/placement_constraints/running",
                    "{\"tags\": [\"dmz\"], \"max_instances_per_cell\": 1}")
            .expect(200);
        admin.put("/v1/spaces/space-b/placement_constraints/running", "{\"tags\": [\"linux\"]}").expect(200);
        admin.put("/v1/placement_constraints/default/running", "{\"tags\": [\"linux\"]}").expect(200);
        admin.put("/v1/spaces/space-a/placement_constraints/staging", "{\"forbidden_tags\": [\"gpu\"]}").expect(200);

        JsonNode all = admin.get("/v1/placement_constraints").expect(200);

        assertThat(all).containsExactly(json("""
                {"tags": [], "forbidden_tags": ["gpu"], "preferred_tags": {}, "lifecycle": "staging",
                 "default": false, "space_guids": ["space-a"]}"""), json("""
                {"tags": ["linux"], "forbidden_tags": [], "preferred_tags": {}, "lifecycle": "running",
                 "default": true, "space_guids": ["space-b"]}"""), json("""
                {"tags": ["dmz"], "forbidden_tags": [], "preferred_tags": {}, "lifecycle": "running",
                 "default": false, "space_guids": ["space-a", "space-c"]}"""), json("""
                {"tags": ["dmz"], "forbidden_tags": [], "preferred_tags": {}, "max_instances_per_cell": 1,
                 "lifecycle": "running", "default": false, "space_guids": ["space-d"]}"""));
        assertThat(admin.get("/v1/placement_constraints?lifecycle=running").expect(200)).hasSize(3);
        assertThat(admin.get("/v1/placement_constraints?lifecycle=staging").expect(200)).containsExactly(all.get(0));

        admin.put("/v1/placement_constraints/default/staging", "{\"tags\": [\"builders\"]}").expect(200);
        assertThat(admin.get("/v1/placement_constraints?lifecycle=staging").expect(200).get(0)).isEqualTo(json("""
                {"tags": ["builders"], "forbidden_tags": [], "preferred_tags": {}, "lifecycle": "staging",
                 "default": true, "space_guids": []}"""));
    }

    private static JsonNode json(String text) {
        return ReceptorJson.mapper().readTree(text);
    }

}
