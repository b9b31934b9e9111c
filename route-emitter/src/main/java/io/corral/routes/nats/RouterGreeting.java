package io.corral.routes.nats;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a router says on {@code router.start} and in answer to {@code router.greet}:
 * {@code {"id", "hosts", "minimumRegisterIntervalInSeconds", "pruneThresholdInSeconds"}}.
 * Only the interval matters to the emitter.
 */
record RouterGreeting(String id, Duration minimumRegisterInterval) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The greeting, or empty when the payload is not a JSON object with a positive
     * whole-second {@code minimumRegisterIntervalInSeconds}.
     */
    static Optional<RouterGreeting> parse(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        }
        catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode interval = node.path("minimumRegisterIntervalInSeconds");
        if (!interval.isIntegralNumber() || !interval.canConvertToInt() || interval.asInt() < 1) {
            return Optional.empty();
        }
        JsonNode id = node.path("id");
        return Optional
            .of(new RouterGreeting(id.isString() ? id.asString() : null, Duration.ofSeconds(interval.asInt())));
    }

}
