package io.corral.cli.http;

import io.corral.cli.config.ServiceUrl;
import io.corral.cli.config.Token;
import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Calls a Corral service the receptor client does not cover (placement, route emitter,
 * ssh-auth-service): JSON in and out by the API's conventions, every failure through
 * {@link ApiErrors}.
 */
public final class ServiceClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper JSON = ReceptorJson.mapper();

    private final HttpClient http;

    private final ServiceUrl url;

    private final Token token;

    private final Clock clock;

    ServiceClient(HttpClient http, ServiceUrl url, Token token, Clock clock) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.clock = clock;
    }

    public JsonNode get(String path, String scope) {
        return send("GET", path, null, scope);
    }

    /**
     * {@code method} {@code path} with {@code body} as JSON (none when null); the answer,
     * {@link MissingNode} when it has no body.
     */
    public JsonNode send(String method, String path, Object body, String scope) {
        ApiCall call = new ApiCall(url, token, method, path, scope);
        HttpRequest.Builder request = HttpRequest.newBuilder(url.uri().resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token.value())
            .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = exchange(call, request.build());
        if (response.statusCode() >= 400) {
            JsonNode error = parse(response.body());
            String name = error == null || !error.path("name").isString() ? null : error.path("name").asString();
            throw ApiErrors.refused(call, response.statusCode(), name,
                    error == null ? "" : error.path("message").asString(""), clock.instant());
        }
        if (response.body().length == 0) {
            return MissingNode.getInstance();
        }
        JsonNode answer = parse(response.body());
        if (answer == null) {
            throw ApiErrors.notTheService(call, "with something that is not JSON");
        }
        return answer;
    }

    /** Reads an answer (or part of one) into a record of the CLI's. */
    public static <T> T read(JsonNode json, Class<T> type) {
        return JSON.treeToValue(json, type);
    }

    /** A path segment or query value, percent-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<byte[]> exchange(ApiCall call, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw ApiErrors.unreachable(call, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unreachable(call, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        }
        catch (JacksonException notJson) {
            return null;
        }
    }

}
