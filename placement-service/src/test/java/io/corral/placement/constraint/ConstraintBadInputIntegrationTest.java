package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.testsupport.RawHttp;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad requests are refused with 400, a message naming the field or parameter, and leave
 * nothing behind.
 */
class ConstraintBadInputIntegrationTest extends PlacementIntegrationTest {

    private static final String SPACE = "/v1/spaces/space-bad/placement_constraints/running";

    private static final String DEFAULT = "/v1/placement_constraints/default/running";

    @AfterEach
    void nothingWasStored() {
        admin().get(SPACE).assertError(404, "PlacementConstraintNotFound");
        admin().get(DEFAULT).assertError(404, "PlacementConstraintNotFound");
        assertThat(admin().get("/v1/placement_constraints/audit").expect(200).path("entries")).isEmpty();
    }

    @Test
    void tagsBreakingThePatternAreNamedWithTheirPlace() {
        put("{\"tags\": [\"dmz\", \"dmz zone\"]}").assertError(400, "InvalidRequest", "tags[1]", "[A-Za-z0-9_.-]+");
        put("{\"forbidden_tags\": [\"gpu/1\"]}").assertError(400, "InvalidRequest", "forbidden_tags[0]");
        put("{\"tags\": [null]}").assertError(400, "InvalidRequest", "tags[0]");
        put("{\"tags\": [\"" + "t".repeat(256) + "\"]}").assertError(400, "InvalidRequest", "tags[0]");
        put("{\"preferred_tags\": {\"fast disk\": 10}}").assertError(400, "InvalidRequest",
                "preferred_tags[fast disk]");
    }

    @Test
    void listsOverTheTagLimitAreRefused() {
        String tags = IntStream.range(0, 33).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(", "));
        String weights = IntStream.range(0, 33).mapToObj(i -> "\"t" + i + "\": 1").collect(Collectors.joining(", "));

        put("{\"tags\": [" + tags + "]}").assertError(400, "InvalidRequest", "tags", "32");
        put("{\"forbidden_tags\": [" + tags + "]}").assertError(400, "InvalidRequest", "forbidden_tags", "32");
        put("{\"preferred_tags\": {" + weights + "}}").assertError(400, "InvalidRequest", "preferred_tags", "32");
    }

    @Test
    void numbersOutOfRangeAreRefused() {
        put("{\"preferred_tags\": {\"fastDisk\": 0}}").assertError(400, "InvalidRequest", "preferred_tags[fastDisk]");
        put("{\"preferred_tags\": {\"ssd\": 101}}").assertError(400, "InvalidRequest", "preferred_tags[ssd]", "100");
        put("{\"preferred_tags\": {\"ssd\": null}}").assertError(400, "InvalidRequest", "preferred_tags[ssd]");
        put("{\"max_instances_per_cell\": 0}").assertError(400, "InvalidRequest", "max_instances_per_cell");
        put("{\"max_instances_per_cell\": 10001}").assertError(400, "InvalidRequest", "max_instances_per_cell");
    }

    @Test
    void aTagBothRequiredAndForbiddenIsRefused() {
        put("{\"tags\": [\"dmz\", \"gpu\"], \"forbidden_tags\": [\"gpu\"]}").assertError(400, "InvalidRequest",
                "forbidden_tags", "gpu");
        admin().put(DEFAULT, "{\"tags\": [\"gpu\"], \"forbidden_tags\": [\"gpu\"]}")
            .assertError(400, "InvalidRequest", "forbidden_tags", "gpu");
    }

    @Test
    void wronglyTypedOrMalformedBodiesAreRefused() {
        put("{\"tags\": \"dmz\"}").assertError(400, "InvalidRequest", "tags");
        put("{\"max_instances_per_cell\": \"two\"}").assertError(400, "InvalidRequest", "max_instances_per_cell");
        put("{\"preferred_tags\": [\"ssd\"]}").assertError(400, "InvalidRequest", "preferred_tags");
        put("{\"tags\": [").assertError(400, "InvalidJSON");
        put(null).assertError(400, "InvalidJSON");
    }

    @Test
    void unknownLifecyclesAndMalformedSpaceGuidsAreNamed() {
        for (String method : new String[] { "PUT", "GET", "DELETE" }) {
            admin().send(method, "/v1/spaces/space-bad/placement_constraints/build", "{}")
                .assertError(400, "InvalidRequest", "lifecycle", "staging", "running", "build");
            admin().send(method, "/v1/placement_constraints/default/RUNNING", "{}")
                .assertError(400, "InvalidRequest", "lifecycle");
            admin().send(method, "/v1/spaces/space.bad/placement_constraints/running", "{}")
                .assertError(400, "InvalidRequest", "space_guid");
            admin().send(method, "/v1/spaces/" + "s".repeat(256) + "/placement_constraints/running", "{}")
                .assertError(400, "InvalidRequest", "space_guid");
        }
    }

    @Test
    void anUnknownRolloutIsRefused() {
        admin().put(SPACE + "?rollout=fast", "{}").assertError(400, "InvalidRequest", "rollout", "none", "rolling");
        admin().put(DEFAULT + "?rollout=ROLLING", "{}").assertError(400, "InvalidRequest", "rollout");
    }

    @Test
    void badListAndAuditParametersAreNamed() {
        admin().get("/v1/placement_constraints?lifecycle=build").assertError(400, "InvalidRequest", "lifecycle");
        String audit = "/v1/placement_constraints/audit";
        admin().get(audit + "?limit=0").assertError(400, "InvalidRequest", "limit");
        admin().get(audit + "?limit=1001").assertError(400, "InvalidRequest", "limit", "1000");
        admin().get(audit + "?limit=ten").assertError(400, "InvalidRequest", "limit");
        admin().get(audit + "?before_id=0").assertError(400, "InvalidRequest", "before_id");
        admin().get(audit + "?before_id=x").assertError(400, "InvalidRequest", "before_id");
        admin().get(audit + "?lifecycle=build").assertError(400, "InvalidRequest", "lifecycle");
        admin().get(audit + "?space_guid=a.b").assertError(400, "InvalidRequest", "space_guid");
    }

    private RawHttp.Response put(String json) {
        return admin().put(SPACE, json);
    }

}
