package io.corral.receptor.web;

import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies and path segments on every endpoint of the receptor's OpenAPI document
 * (so new endpoints are covered without a change here): never a 5xx, a 4xx stores
 * nothing, errors in the API's shape.
 */
class ApiFuzzTest extends ApiFuzzProperties {

    private static ServiceUnderTest receptor;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() {
        receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE, Map.of("corral.convergence.interval", "1h"));
        fuzzer = new ApiFuzzer(receptor);
    }

    @AfterContainer
    static void stop() {
        receptor.close();
    }

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
