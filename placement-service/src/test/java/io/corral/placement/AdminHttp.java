package io.corral.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.support.security.DevIssuer;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The placement admin API over plain HTTP, as an operator's tool calls it. */
public final class AdminHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUri;
    private final String token;

    public AdminHttp(URI baseUri, String token) {
        this.baseUri = baseUri;
        this.token = token;
    }

    /** A placement.admin token of the user {@code userName}, from the issuer the services under test trust. */
    public static String adminTokenOf(String userName) {
        Path key = Path.of(TestTokens.properties().get("corral.security.dev-issuer.key-file"));
        return new DevIssuer(TestTokens.ISSUER, key).mint(userName, List.of("placement.admin"), Duration.ofHours(1));
    }

    /** The same API with another token; null sends none. */
    public AdminHttp as(String otherToken) {
        return new AdminHttp(baseUri, otherToken);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    /** {@code json} may be null: no body. */
    public Response send(String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** Asserts {@code expected} and returns the body. */
        public JsonNode expect(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            return body.isEmpty() ? JSON.missingNode() : json();
        }

        /** Asserts an API error: its status, its {@code name}, and a message naming each of {@code mentions}. */
        public void assertError(int expectedStatus, String expectedName, String... mentions) {
            JsonNode error = expect(expectedStatus);
            assertThat(error.path("name").asString()).as("name of %s", body).isEqualTo(expectedName);
            if (mentions.length > 0) {
                assertThat(error.path("message").asString()).as("message of %s", body).contains(mentions);
            }
        }
    }
}
