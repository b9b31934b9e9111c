package io.corral.sshauth.instance;

import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receptor and a UAA that do not answer: logins fail fast with 503, and once the
 * breaker opens, without asking.
 */
class DependenciesDownIntegrationTest {

    private static ServiceUnderTest sshAuth;

    private static RawHttp http;

    @BeforeAll
    static void start() {
        sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE, Map.of("corral.receptor.url", "http://127.0.0.1:1",
                "corral.ssh.uaa.token-uri", "http://127.0.0.1:1/oauth/token"));
        http = new RawHttp(sshAuth.uri());
    }

    @AfterAll
    static void stop() {
        sshAuth.close();
    }

    @Test
    void aReceptorThatDoesNotAnswerIsReceptorUnavailableThenTheBreakerOpens() {
        for (int i = 0; i < 5; i++) {
            authorize("cf:app-" + i + "/0", userToken("kim")).assertError(503, "ReceptorUnavailable");
        }
        authorize("cf:app-x/0", userToken("kim")).assertError(503, "ReceptorUnavailable", "repeatedly");
        assertThat(http.send("GET", "/actuator/prometheus", SshAuthFixture.adminToken(), null).body())
            .contains("dependency=\"receptor\",state=\"open\"} 1.0")
            .contains("dependency=\"receptor\",state=\"closed\"} 0.0");
    }

    @Test
    void aUaaThatDoesNotAnswerIsUaaUnavailable() {
        authorize("cf:app-1/0", "some-uaa-code").assertError(503, "UaaUnavailable");
    }

    private static RawHttp.Response authorize(String username, String password) {
        String body = ReceptorJson.mapper()
            .writeValueAsString(Map.of("username", username, "password", password, "client_address", "192.0.2.200:1"));
        return http.send("POST", "/v1/ssh/authorize", SshAuthFixture.proxyToken(), body);
    }

}
