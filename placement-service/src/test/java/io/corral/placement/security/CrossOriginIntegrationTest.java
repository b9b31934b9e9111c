package io.corral.placement.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.testsupport.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code corral.security.cors.allowed-origins} set, a page of that origin (the
 * receptor's console) may read the API from a browser with its bearer token, and nothing
 * else: no other origin, no writes, no cookies.
 */
@TestPropertySource(properties = "corral.security.cors.allowed-origins=http://console.example:8888")
class CrossOriginIntegrationTest extends PlacementIntegrationTest {

    private static final String CONSOLE = "http://console.example:8888";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theConsolesOriginMayAskToReadWithItsToken() throws Exception {
        HttpResponse<String> preflight = preflight(CONSOLE, "GET", "authorization");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
            .hasValueSatisfying(headers -> assertThat(headers.toLowerCase()).contains("authorization"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void itsReadsAndTheirRefusalsAreReadableByIt() throws Exception {
        HttpResponse<String> read = get(CONSOLE, TestTokens.withScopes("placement.admin"));
        HttpResponse<String> refused = get(CONSOLE, null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
    }

    @Test
    void otherOriginsAndWritesAreNotAllowed() throws Exception {
        HttpResponse<String> stranger = preflight("http://elsewhere.example", "GET", "authorization");
        HttpResponse<String> write = preflight(CONSOLE, "PUT", "authorization,content-type");

        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get("http://elsewhere.example", TestTokens.withScopes("placement.admin")).headers()
            .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        return http.send(HttpRequest.newBuilder(baseUri().resolve("/v1/placement_constraints"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String origin, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve("/v1/placement_constraints"))
            .header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
