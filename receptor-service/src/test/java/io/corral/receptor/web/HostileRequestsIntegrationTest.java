package io.corral.receptor.web;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.testsupport.HostileRequests;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Errors whatever the request looks like: the JSON error shape for any Accept header, 400
 * for malformed URLs, no {@code /error} endpoint, the token time rules.
 */
class HostileRequestsIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void errorsAreJsonWhateverTheAcceptHeaderSays() {
        checks().assertJsonErrorForAnyAccept("/v1/no_such_thing", 404, "EndpointNotFound");
        checks().assertJsonErrorForAnyAccept("/v1/desired_lrps/missing", 404, "DesiredLRPNotFound");
        checks().assertJsonErrorForAnyAccept("/v1/desired_lrps/missing/index/x", 404, "EndpointNotFound");
    }

    @Test
    void aBadLastEventIdIsA400EvenToAnEventStreamClient() {
        for (String accept : List.of("text/event-stream", "*/*", "text/event-stream, text/html")) {
            http()
                .sendVerbatim("GET", "/v1/events", TestTokens.receptorAdmin(),
                        Map.of("Accept", accept, "Last-Event-ID", "not-a-number"))
                .assertError(400, "InvalidRequest", "Last-Event-ID");
        }
        http().sendVerbatim("GET", "/v1/events?last_event_id=-1", TestTokens.receptorAdmin(), Map.of())
            .assertError(400, "InvalidRequest", "Last-Event-ID");
    }

    @Test
    void endpointsThatCannotAnswerJsonAnswer406() {
        checks().assertNotAcceptable("/v1/events", "application/json");
        checks().assertNotAcceptable("/actuator/prometheus", "application/json");
    }

    @Test
    void malformedUrlsAre400NotUnauthorized() {
        checks().assertMalformedUrlsRefused("/v1/desired_lrps/some-app");
    }

    @Test
    void theErrorPageIsNoEndpoint() {
        checks().assertNoErrorEndpoint();
    }

    @Test
    void tokensWithoutExpiryOrFromTheFutureAreRefused() {
        checks().assertTokenTimesChecked("/v1/desired_lrps");
    }

    private HostileRequests checks() {
        return new HostileRequests(http(), TestTokens.receptorAdmin());
    }

    private RawHttp http() {
        return new RawHttp(baseUri());
    }

}
