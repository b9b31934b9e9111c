package io.corral.cell.web;

import io.corral.cell.CellAgentApplication;
import io.corral.testsupport.HostileRequests;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's API answers odd requests as every service does. */
class HostileRequestsTest {

    private static ServiceUnderTest agent;

    @BeforeAll
    static void start() throws IOException {
        agent = ServiceUnderTest.start(CellAgentApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.receptor.url",
                        "http://127.0.0.1:9", "corral.cell.id", "cell-hostile", "corral.cell.work-directory",
                        TemporaryDirectories.create("cell-hostile").toString()));
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void aListIsJsonWhateverTheClientAccepts() {
        checks().assertJsonErrorForAnyAccept("/v1/containers/bad%20id", 404, "EndpointNotFound");
    }

    /**
     * Logs are plain text only (never HTML a browser would render); errors are JSON
     * whenever the client accepts text.
     */
    @Test
    void logsAreTextAndTheirErrorsJson() {
        RawHttp http = new RawHttp(agent.uri());
        String token = TestTokens.withScopes("cells.read");
        for (String accept : new String[] { "text/plain", "*/*", "text/*" }) {
            http.sendVerbatim("GET", "/v1/containers/no-such/logs", token, Map.of("Accept", accept))
                .assertError(404, "ContainerNotFound");
            http.sendVerbatim("GET", "/v1/containers/bad%20id/logs", token, Map.of("Accept", accept))
                .assertError(400, "InvalidRequest", "container_id");
        }
        checks().assertNotAcceptable("/v1/containers/no-such/logs", "text/html");
    }

    @Test
    void malformedUrlsAreRefused() {
        checks().assertMalformedUrlsRefused("/v1/containers/no-such/logs");
    }

    @Test
    void thereIsNoErrorEndpoint() {
        checks().assertNoErrorEndpoint();
    }

    @Test
    void readingNeedsCellsRead() {
        RawHttp http = new RawHttp(agent.uri());
        http.send("GET", "/v1/containers", null, null).assertError(401, "Unauthorized");
        http.send("GET", "/v1/containers", TestTokens.withScopes("cells.write"), null).assertError(403, "Forbidden");
        http.send("GET", "/v1/containers", TestTokens.withScopes("cells.read"), null).expect(200);
    }

    private static HostileRequests checks() {
        return new HostileRequests(new RawHttp(agent.uri()), TestTokens.withScopes("cells.read"));
    }

}
