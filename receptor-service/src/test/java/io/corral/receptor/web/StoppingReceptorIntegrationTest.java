package io.corral.receptor.web;

import io.corral.receptor.ReceptorApplication;
import io.corral.support.web.ShutdownGate;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A receptor that has begun to stop answers 503 ShuttingDown, so a client sends the
 * request again elsewhere, whatever Tomcat made of the request.
 */
class StoppingReceptorIntegrationTest {

    /**
     * Tomcat refuses a request with two {@code Host} headers as a 400 before the
     * application sees it, as it does a request whose first line it reads while its
     * connector pauses (it leaves that one's headers unread, so finds no {@code Host}):
     * the case a client of a stopping service meets.
     */
    @Test
    void aRequestTomcatRefusesBeforeTheApplicationIsAnsweredShuttingDown() {
        try (ServiceUnderTest receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE)) {
            RawHttp http = new RawHttp(receptor.uri());
            String token = TestTokens.receptorAdmin();
            Map<String, String> secondHost = Map.of("Host", "127.0.0.1");
            http.sendVerbatim("GET", "/v1/desired_lrps", token, secondHost).assertError(400, "InvalidRequest");

            receptor.bean(ShutdownGate.class).stop();

            http.sendVerbatim("GET", "/v1/desired_lrps", token, Map.of()).assertError(503, "ShuttingDown");
            http.sendVerbatim("GET", "/v1/desired_lrps", token, secondHost).assertError(503, "ShuttingDown");
        }
    }

}
