package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.corral.receptor.client.ReceptorJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shared JSON conventions refuse what a service must not guess about, and each
 * refusal names the field in the API's names.
 */
class JsonInputProblemsTest {

    record Capacity(Integer memoryMb) {
    }

    record Request(String processGuid, Integer instances, Boolean privileged, List<Integer> ports,
            List<String> placementTags, Map<String, Integer> preferredTags, Capacity capacity, JsonNode action) {
    }

    @Test
    void scalarsOfAnotherTypeAreNamedWithTheTypeExpected() {
        assertThat(problem("{\"instances\": \"2\"}")).isEqualTo("instances: expected an integer");
        assertThat(problem("{\"instances\": 2.7}")).isEqualTo("instances: expected an integer");
        assertThat(problem("{\"privileged\": 1}")).isEqualTo("privileged: expected a boolean");
        assertThat(problem("{\"process_guid\": 12345}")).isEqualTo("process_guid: expected a string");
        assertThat(problem("{\"ports\": [8080.5]}")).isEqualTo("ports[0]: expected an integer");
        assertThat(problem("{\"placement_tags\": [1, 2]}")).isEqualTo("placement_tags[0]: expected a string");
        assertThat(problem("{\"preferred_tags\": {\"ssd\": true}}"))
            .isEqualTo("preferred_tags.ssd: expected an integer");
        assertThat(problem("{\"capacity\": {\"memory_mb\": 99999999999}}"))
            .isEqualTo("capacity.memory_mb: out of range for an integer");
    }

    @Test
    void shapesKeysNulsAndDepthAreNamed() {
        assertThat(problem("[]")).isEqualTo("request body: expected an object");
        assertThat(problem("{\"ports\": 8080}")).isEqualTo("ports: expected an array");
        assertThat(problem("{\"capacity\": [1]}")).isEqualTo("capacity: expected an object");
        assertThat(problem("{\"instances\": 1, \"instances\": 2}")).isEqualTo("instances: appears more than once");
        assertThat(problem("{\"capacity\": {\"memory_mb\": 1, \"memory_mb\": 1}}"))
            .isEqualTo("capacity.memory_mb: appears more than once");
        assertThat(problem("{\"process_guid\": \"a\\u0000\"}")).startsWith("process_guid: must not contain the NUL");
        assertThat(problem("{\"action\": {\"run\": {\"args\": [\"x\", \"\\u0000\"]}}}"))
            .startsWith("action.run.args[1]: must not contain the NUL");
        assertThat(problem("{\"preferred_tags\": {\"s\\u0000\": 1}}"))
            .startsWith("preferred_tags: must not contain the NUL");
        assertThat(problem("{\"action\": " + "[".repeat(70) + "]".repeat(70) + "}"))
            .isEqualTo("action: nested deeper than 64 levels");
        assertThat(problem("{\"action\": " + "[".repeat(60) + "]".repeat(60) + "}")).isNull();
    }

    @Test
    void brokenSyntaxIsNotDescribedAsAField() {
        assertThat(problem("{\"instances\": ")).isNull();
        assertThat(problem("{instances: 1}")).isNull();
    }

    private static String problem(String json) {
        Throwable failure = catchThrowable(() -> ReceptorJson.mapper().readValue(json, Request.class));
        return failure == null ? null : JsonInputProblems.describe(failure);
    }

}
