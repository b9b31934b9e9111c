package io.corral.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PlacementServiceBootIntegrationTest extends PlacementIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAdminApiNeedsThePlacementAdminScope() throws Exception {
        assertThat(get("/v1/placement_constraints", TestTokens.withScopes("receptor.read")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(receptor().cells()).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
