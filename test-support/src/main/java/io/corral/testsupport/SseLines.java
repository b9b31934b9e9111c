package io.corral.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A client following a Server-Sent Events endpoint line by line, comments (heartbeats)
 * included: the lines it has read so far.
 */
public final class SseLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    public SseLines(URI baseUri, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many lines read so far are exactly {@code line}, e.g. {@code ":heartbeat"}. */
    public long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    /**
     * Whether an {@code event} line was followed by a data line containing the fragment.
     */
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
