package io.corral.placement.web;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.fuzz.ApiFuzzer;
import io.corral.testsupport.fuzz.FuzzRequest;
import io.corral.testsupport.fuzz.FuzzRequests;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies and path segments on every endpoint of placement's OpenAPI document (so
 * new endpoints are covered without a change here), beside a real receptor: never a 5xx,
 * a 4xx stores nothing, errors in the API's shape.
 */
class ApiFuzzTest {

    private static ServiceUnderTest receptor;

    private static ServiceUnderTest placement;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() {
        receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE, Map.of("corral.convergence.interval", "1h"));
        placement = ServiceUnderTest.start(PlacementApplication.SERVICE,
                Map.of("corral.receptor.url", receptor.uri().toString()));
        fuzzer = new ApiFuzzer(placement);
    }

    @AfterContainer
    static void stop() {
        placement.close();
        receptor.close();
    }

    @Property(tries = 250)
    void hostileRequestsGetCleanAnswers(@ForAll("requests") FuzzRequest request) {
        fuzzer.check(request);
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return FuzzRequests.of(fuzzer.endpoints());
    }

}
