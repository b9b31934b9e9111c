package io.corral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
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

    private final Duration timeout;

    public RawHttp(URI baseUri) {
        this(baseUri, Duration.ofSeconds(30));
    }

    /** Requests that fail when no answer arrived within {@code timeout}. */
    public RawHttp(URI baseUri, Duration timeout) {
        this.baseUri = baseUri;
        this.timeout = timeout;
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

    /**
     * Sends a body-less request whose target is {@code path} byte for byte, over a plain
     * socket, as no HTTP client sends it (backslashes, dot segments, encoded separators,
     * control characters), with {@code headers} (an {@code Accept}, a
     * {@code Last-Event-ID}); {@code token} may be null.
     */
    public Response sendVerbatim(String method, String path, String token, Map<String, String> headers) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        request.append("Host: ").append(baseUri.getHost()).append("\r\nConnection: close\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(baseUri.getHost(), baseUri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    /**
     * {@code answer} decoded as ISO-8859-1, one char a byte, so chunk sizes count chars.
     */
    private static Response parse(String answer) {
        int headersEnd = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, headersEnd);
        String body = answer.substring(headersEnd + 4);
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
        String bytes = chunked ? dechunk(body) : body;
        return new Response(status, new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private Response send(String method, String path, String token, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(timeout)
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

        /**
         * The body as JSON; a body that is not JSON fails with the body in the message.
         */
        public JsonNode json() {
            try {
                return ReceptorJson.mapper().readTree(body);
            }
            catch (JacksonException e) {
                throw new AssertionError("a " + status + " answer whose body is not one JSON value: " + body, e);
            }
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
