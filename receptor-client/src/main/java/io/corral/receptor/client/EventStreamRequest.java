package io.corral.receptor.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Opens {@code GET /v1/events}, after {@code Last-Event-ID} when there is one; answers
 * its lines.
 */
final class EventStreamRequest {

    private EventStreamRequest() {
    }

    /**
     * Opens {@code GET /v1/events}; a refusal is thrown as a {@link ReceptorException}.
     */
    static Stream<String> open(HttpClient http, URI baseUri, Supplier<String> token, OptionalLong lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/v1/events"))
            .header("Authorization", "Bearer " + token.get())
            .header("Accept", "text/event-stream")
            .GET();
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw error(response);
        }
        return response.body();
    }

    private static ReceptorException error(HttpResponse<Stream<String>> response) {
        String body;
        try (Stream<String> lines = response.body()) {
            body = lines.collect(Collectors.joining("\n"));
        }
        try {
            JsonNode json = ReceptorJson.mapper().readTree(body);
            return new ReceptorException(response.statusCode(), json.path("name").asString("UnknownError"),
                    json.path("message").asString(""));
        }
        catch (RuntimeException notJson) {
            return new ReceptorException(response.statusCode(), "UnknownError", body);
        }
    }

}
