package io.corral.cell.web;

import io.corral.cell.CellAgentApplication;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import java.io.IOException;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile path segments, query strings and headers on every endpoint of the agent's
 * OpenAPI document: never a 5xx, errors in the API's shape. The agent needs no receptor
 * for its own API; the one it is pointed at does not answer.
 */
class ApiFuzzTest extends ApiFuzzProperties {

    private static ServiceUnderTest agent;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() throws IOException {
        agent = ServiceUnderTest.start(CellAgentApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.receptor.url",
                        "http://127.0.0.1:9", "corral.cell.id", "cell-fuzz", "corral.cell.work-directory",
                        TemporaryDirectories.create("cell-fuzz").toString()));
        fuzzer = new ApiFuzzer(agent);
    }

    @AfterContainer
    static void stop() {
        agent.close();
    }

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
