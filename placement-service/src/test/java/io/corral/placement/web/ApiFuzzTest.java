package io.corral.placement.web;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies and path segments on every endpoint of placement's OpenAPI document (so
 * new endpoints are covered without a change here), beside a real receptor: never a 5xx,
 * a 4xx stores nothing, errors in the API's shape.
 */
class ApiFuzzTest extends ApiFuzzProperties {

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

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
