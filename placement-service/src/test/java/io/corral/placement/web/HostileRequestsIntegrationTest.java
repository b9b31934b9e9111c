package io.corral.placement.web;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.testsupport.HostileRequests;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Errors whatever the request looks like: the JSON error shape for any Accept header, 400
 * for malformed URLs, no {@code /error} endpoint, the token time rules.
 */
class HostileRequestsIntegrationTest extends PlacementIntegrationTest {

    @Test
    void errorsAreJsonWhateverTheAcceptHeaderSays() {
        checks().assertJsonErrorForAnyAccept("/v1/no_such_thing", 404, "EndpointNotFound");
        checks().assertJsonErrorForAnyAccept("/v1/spaces/nowhere/placement_constraints/running", 404,
                "PlacementConstraintNotFound");
        checks().assertJsonErrorForAnyAccept("/v1/rollouts/999999", 404, "RolloutNotFound");
    }

    @Test
    void endpointsThatCannotAnswerJsonAnswer406() {
        checks().assertNotAcceptable("/actuator/prometheus", "application/json");
    }

    @Test
    void malformedUrlsAre400NotUnauthorized() {
        checks().assertMalformedUrlsRefused("/v1/spaces/space-1/placement_constraints/running");
    }

    @Test
    void theErrorPageIsNoEndpoint() {
        checks().assertNoErrorEndpoint();
    }

    @Test
    void tokensWithoutExpiryOrFromTheFutureAreRefused() {
        checks().assertTokenTimesChecked("/actuator/info");
    }

    private HostileRequests checks() {
        return new HostileRequests(new RawHttp(baseUri()), TestTokens.withScopes("placement.admin", "receptor.read"));
    }

}
