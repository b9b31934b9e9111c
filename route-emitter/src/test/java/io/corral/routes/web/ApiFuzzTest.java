package io.corral.routes.web;

import io.corral.receptor.ReceptorApplication;
import io.corral.routes.RouteEmitterApplication;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile query strings and headers on every endpoint of the route emitter's OpenAPI
 * document, beside a real receptor: never a 5xx, errors in the API's shape.
 */
class ApiFuzzTest extends ApiFuzzProperties {

    private static ServiceUnderTest receptor;

    private static ServiceUnderTest emitter;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() {
        receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE, Map.of("corral.convergence.interval", "1h"));
        emitter = ServiceUnderTest.start(RouteEmitterApplication.SERVICE,
                Map.of("corral.receptor.url", receptor.uri().toString()));
        fuzzer = new ApiFuzzer(emitter);
    }

    @AfterContainer
    static void stop() {
        emitter.close();
        receptor.close();
    }

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
