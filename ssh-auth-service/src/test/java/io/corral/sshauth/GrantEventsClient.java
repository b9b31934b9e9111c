package io.corral.sshauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A proxy following {@code GET /v1/ssh/grants/events}: the lines it has read so far. */
public final class GrantEventsClient implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    public GrantEventsClient(URI baseUri, String token) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/ssh/grants/events"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean saw(String event, String dataFragment) {
        List<String> seen = lines();
        for (int i = 0; i + 1 < seen.size(); i++) {
            if (seen.get(i).equals("event:" + event) && seen.get(i + 1).contains(dataFragment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        response.cancel(true);
    }

}
