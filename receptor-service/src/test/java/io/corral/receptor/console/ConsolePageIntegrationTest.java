package io.corral.receptor.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's files are public and hold no data; everything with data still needs the
 * token, and the receptor allows no other origin unless told to.
 */
@TestPropertySource(properties = { "corral.console.placement-url=http://placement.example:8889/",
        "corral.console.route-emitter-url=http://routes.example:8890" })
class ConsolePageIntegrationTest extends ReceptorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageLoadsWithoutATokenAndMayConnectOnlyToTheConsolesServices() throws Exception {
        HttpResponse<String> page = get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> type.startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>", "id=\"token-form\"");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
            .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'"
                    + " http://placement.example:8889 http://routes.example:8890; base-uri 'none';"
                    + " form-action 'none'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void withoutTheSlashThePageRedirectsToItself() throws Exception {
        HttpResponse<String> redirect = get("/console");

        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(at -> at.endsWith("/console/"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/console/index.html|text/html", "/console/console.js|text/javascript",
            "/console/console.css|text/css", "/console/favicon.svg|image/svg+xml" })
    void itsFilesArePublic(String pathAndType) throws Exception {
        String[] parts = pathAndType.split("\\|");
        HttpResponse<String> file = get(parts[0]);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(type -> type.startsWith(parts[1]));
        assertThat(file.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void theListOfServicesNamesTheConfiguredOnesOnly() throws Exception {
        HttpResponse<String> services = get("/console/services.json");

        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(ReceptorJson.mapper().readTree(services.body())).isEqualTo(ReceptorJson.mapper()
            .readTree("{\"placement\": \"http://placement.example:8889\","
                    + " \"route_emitter\": \"http://routes.example:8890\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/cells", "/v1/actual_lrps", "/v1/desired_lrps", "/v1/tasks", "/v1/events",
            "/console/anything-else", "/v3/api-docs" })
    void everythingElseStillNeedsTheToken(String path) {
        new RawHttp(baseUri()).send("GET", path, null, null).assertError(401, "Unauthorized");
    }

    @Test
    void onlyReadingThePageIsPublic() {
        new RawHttp(baseUri()).send("POST", "/console/", null, "{}").assertError(401, "Unauthorized");
        new RawHttp(baseUri()).send("DELETE", "/console/services.json", null, null).assertError(401, "Unauthorized");
        assertThat(
                new RawHttp(baseUri()).send("GET", "/v1/cells", TestTokens.withScopes("receptor.read"), null).status())
            .isEqualTo(200);
    }

    @Test
    void noOtherOriginMayReadTheReceptorUnlessConfigured() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(baseUri().resolve("/v1/cells"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "http://elsewhere.example")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(401);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
