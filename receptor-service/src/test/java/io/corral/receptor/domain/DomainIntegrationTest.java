package io.corral.receptor.domain;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DomainIntegrationTest extends ReceptorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void domainIsFreshForItsMaxAgeOrForeverWithZero() {
        receptor().upsertDomain("forever", 0);
        receptor().upsertDomain("short-lived", 1);
        receptor().upsertDomain("an-hour", 3600);
        assertThat(receptor().domains()).contains("forever", "short-lived", "an-hour").isSorted();

        Eventually.await(Duration.ofSeconds(5), "short-lived expires",
                () -> !receptor().domains().contains("short-lived"));
        assertThat(receptor().domains()).contains("forever", "an-hour");
    }

    @Test
    void upsertReplacesTheAge() {
        receptor().upsertDomain("refreshed", 1);
        receptor().upsertDomain("refreshed", 0);
        receptor().upsertDomain("witness", 1);
        Eventually.await(Duration.ofSeconds(5), "a one-second age passes",
                () -> !receptor().domains().contains("witness"));
        assertThat(receptor().domains()).contains("refreshed");
    }

    @Test
    void missingOrMalformedCacheControlIsInvalid() throws Exception {
        for (String header : new String[] { null, "no-cache", "max-age=-1", "max-age=soon" }) {
            HttpResponse<String> response = put("/v1/domains/never-upserted", header);
            assertThat(response.statusCode()).as("Cache-Control %s", header).isEqualTo(400);
            assertThat(response.body()).contains("\"InvalidRequest\"").contains("Cache-Control");
        }
        assertThat(receptor().domains()).doesNotContain("never-upserted");
    }

    @Test
    void domainNameMustBeValid() {
        ReceptorException refused = assertApiError(() -> receptor().upsertDomain("bad domain!", 10), 400,
                "InvalidRequest");
        assertThat(refused.getMessage()).contains("domain");
    }

    @Test
    void upsertNeedsTheWriteScope() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/v1/domains/cf-apps"))
            .header("Authorization", "Bearer " + TestTokens.withScopes("receptor.read"))
            .header("Cache-Control", "max-age=10")
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> put(String path, String cacheControl) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path))
            .header("Authorization", "Bearer " + TestTokens.receptorAdmin())
            .PUT(HttpRequest.BodyPublishers.noBody());
        if (cacheControl != null) {
            request.header("Cache-Control", cacheControl);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
