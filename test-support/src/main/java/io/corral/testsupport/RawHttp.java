package io.corral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Raw HTTP against a service under test, as an operator's tool or a misbehaving client
 * calls it: any token or none, malformed or mistyped JSON, oversized and chunked bodies.
 */
public final class RawHttp {

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final URI baseUri;

    public RawHttp(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** {@code token} and {@code json} may be null: no Authorization header, no body. */
    public Response send(String method, String path, String token, String json) {
        BodyPublisher body = json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json);
        return send(method, path, token, body);
    }

    /**
     * Sends {@code body} with no Content-Length, in chunks, so the server learns its size
     * only by reading.
     */
    public Response sendChunked(String method, String path, String token, byte[] body) {
        return send(method, path, token, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private Response send(String method, String path, String token, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {

        public JsonNode json() {
            return ReceptorJson.mapper().readTree(body);
        }

        /**
         * Asserts {@code expected} and returns the body; a missing node when there is
         * none.
         */
        public JsonNode expect(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            return body.isEmpty() ? ReceptorJson.mapper().missingNode() : json();
        }

        /**
         * Asserts an API error: its status, its {@code name}, and a message naming each
         * of {@code mentions}.
         */
        public Response assertError(int expectedStatus, String expectedName, String... mentions) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            JsonNode error = json();
            assertThat(error.path("name").asString()).as("name of %s", body).isEqualTo(expectedName);
            if (mentions.length > 0) {
                assertThat(error.path("message").asString()).as("message of %s", body).contains(mentions);
            }
            return this;
        }
    }

}
