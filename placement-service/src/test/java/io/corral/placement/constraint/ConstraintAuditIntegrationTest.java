package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.AdminHttp;
import io.corral.placement.PlacementIntegrationTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ConstraintAuditIntegrationTest extends PlacementIntegrationTest {

    private static final String AUDIT = "/v1/placement_constraints/audit";

    @Test
    void creationReplacementAndDeletionAreAuditedWithWhoWhenBeforeAndAfter() {
        String path = "/v1/spaces/space-audited/placement_constraints/running";
        AdminHttp alice = admin().as(AdminHttp.adminTokenOf("alice"));
        AdminHttp bob = admin().as(AdminHttp.adminTokenOf("bob"));
        Instant start = Instant.now();

        JsonNode created = alice.put(path, "{\"tags\": [\"dmz\"]}").expect(200).path("constraint");
        JsonNode replaced = bob.put(path, "{\"tags\": [\"dmz\"], \"max_instances_per_cell\": 3}")
            .expect(200)
            .path("constraint");
        alice.delete(path).expect(204);

        List<JsonNode> entries = entries(admin().get(AUDIT + "?space_guid=space-audited").expect(200));
        assertThat(entries).extracting(e -> e.path("actor").asString()).containsExactly("alice", "bob", "alice");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.path("space_guid").asString()).isEqualTo("space-audited");
            assertThat(entry.path("lifecycle").asString()).isEqualTo("running");
            assertThat(OffsetDateTime.parse(entry.path("at").asString()).toInstant()).isBetween(start.minusSeconds(1),
                    Instant.now());
        });
        JsonNode deletion = entries.get(0);
        JsonNode replacement = entries.get(1);
        JsonNode creation = entries.get(2);
        assertThat(creation.path("before").isNull()).isTrue();
        assertThat(creation.path("after")).isEqualTo(constraintFields(created));
        assertThat(creation.path("at").asString()).isEqualTo(created.path("updated_at").asString());
        assertThat(replacement.path("before")).isEqualTo(constraintFields(created));
        assertThat(replacement.path("after")).isEqualTo(constraintFields(replaced));
        assertThat(deletion.path("before")).isEqualTo(constraintFields(replaced));
        assertThat(deletion.path("after").isNull()).isTrue();
        assertThat(deletion.path("id").asLong()).isGreaterThan(replacement.path("id").asLong());
        assertThat(replacement.path("id").asLong()).isGreaterThan(creation.path("id").asLong());
    }

    @Test
    void defaultsAreAuditedWithoutASpace() {
        String path = "/v1/placement_constraints/default/staging";
        admin().put(path, "{\"tags\": [\"builders\"]}").expect(200);
        admin().delete(path).expect(204);

        List<JsonNode> entries = entries(admin().get(AUDIT + "?lifecycle=staging").expect(200));

        assertThat(entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.has("space_guid")).isTrue();
            assertThat(entry.path("space_guid").isNull()).isTrue();
            assertThat(entry.path("lifecycle").asString()).isEqualTo("staging");
        });
        assertThat(entries.get(0).path("after").isNull()).isTrue();
        assertThat(entries.get(1).path("before").isNull()).isTrue();
    }

    @Test
    void repeatingAPutOrADeleteChangesNothingAndIsNotAudited() {
        String path = "/v1/spaces/space-idempotent/placement_constraints/running";
        String audit = AUDIT + "?space_guid=space-idempotent";
        JsonNode first = admin().put(path, "{\"tags\": [\"a\", \"b\"], \"preferred_tags\": {\"ssd\": 5}}").expect(200);

        JsonNode again = admin()
            .put(path, "{\"preferred_tags\": {\"ssd\": 5}, \"tags\": [\"b\", \"a\", \"a\"], \"forbidden_tags\": []}")
            .expect(200);

        assertThat(again).isEqualTo(first);
        assertThat(entries(admin().get(audit).expect(200))).hasSize(1);
        admin().delete(path).expect(204);
        admin().delete(path).expect(204);
        admin().delete("/v1/spaces/space-never/placement_constraints/staging").expect(204);
        assertThat(entries(admin().get(audit).expect(200))).hasSize(2);
        assertThat(entries(admin().get(AUDIT + "?space_guid=space-never").expect(200))).isEmpty();
    }

    @Test
    void pagesWalkTheTrailNewestFirstAndEndWithNoNextId() {
        String path = "/v1/spaces/space-paged/placement_constraints/running";
        for (int change = 1; change <= 5; change++) {
            admin().put(path, "{\"max_instances_per_cell\": " + change + "}").expect(200);
        }
        admin().put("/v1/spaces/space-other/placement_constraints/running", "{}").expect(200);
        admin().put("/v1/spaces/space-paged/placement_constraints/staging", "{}").expect(200);

        List<JsonNode> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String query = AUDIT + "?space_guid=space-paged&lifecycle=running&limit=2";
        JsonNode page = admin().get(query).expect(200);
        while (true) {
            walked.addAll(entries(page));
            pageSizes.add(page.path("entries").size());
            if (page.path("next_before_id").isNull()) {
                break;
            }
            page = admin().get(query + "&before_id=" + page.path("next_before_id").asLong()).expect(200);
        }

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(walked).extracting(e -> e.path("after").path("max_instances_per_cell").asInt())
            .containsExactly(5, 4, 3, 2, 1);
        assertThat(entries(admin().get(AUDIT + "?limit=1").expect(200)))
            .extracting(e -> e.path("space_guid").asString() + "/" + e.path("lifecycle").asString())
            .containsExactly("space-paged/staging");
        JsonNode exact = admin().get(AUDIT + "?space_guid=space-paged&lifecycle=running&limit=5").expect(200);
        assertThat(exact.path("entries").size()).isEqualTo(5);
        assertThat(exact.path("next_before_id").isNull()).isTrue();
    }

    private static List<JsonNode> entries(JsonNode page) {
        List<JsonNode> entries = new ArrayList<>();
        page.path("entries").forEach(entries::add);
        return entries;
    }

    /**
     * A stored constraint without the fields about its storage: the shape of an audit
     * entry's before and after.
     */
    private static JsonNode constraintFields(JsonNode stored) {
        ObjectNode copy = (ObjectNode) stored.deepCopy();
        copy.remove(List.of("space_guid", "lifecycle", "updated_at", "updated_by"));
        return copy;
    }

}
