package io.corral.sshproxy.auth;

import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ssh-auth-service as the proxy calls it, with the proxy's own token (scope
 * {@code ssh.proxy}): logins, taint reports, session ends, grant checks and the grant
 * event stream. No credential it carries is ever logged or put in an exception.
 */
public class SshAuthClient {

    private final HttpClient http;

    private final URI baseUri;

    private final Supplier<String> token;

    private final Duration timeout;

    private final JsonMapper json = ReceptorJson.mapper();

    public SshAuthClient(URI baseUri, Supplier<String> token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.baseUri = baseUri;
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * Asks whether {@code username} with {@code password} from {@code clientAddress} may
     * log in.
     */
    public AuthorizeOutcome authorize(String username, String password, String clientAddress) {
        HttpResponse<String> response;
        try {
            response = send(request("/v1/ssh/authorize")
                .POST(body(Map.of("username", username, "password", password, "client_address", clientAddress))));
        }
        catch (IOException e) {
            return new AuthorizeOutcome.Unavailable(0, "ssh-auth-service unreachable: " + e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        try {
            if (status == 200) {
                return new AuthorizeOutcome.Granted(json.readValue(response.body(), GrantJson.class).toGrant());
            }
            if (status == 403 || status == 429) {
                JsonNode error = json.readTree(response.body());
                return new AuthorizeOutcome.Refused(status, error.path("reason").asString(""),
                        error.path("message").asString("access refused"));
            }
        }
        catch (JacksonException e) {
            return new AuthorizeOutcome.Unavailable(status, "unreadable answer from ssh-auth-service");
        }
        return new AuthorizeOutcome.Unavailable(status, "ssh-auth-service answered " + status);
    }

    /** Reports that the grant's instance had a shell opened or a file written. */
    public void taint(String grantId, String reason) {
        report(request("/v1/ssh/grants/" + encode(grantId) + "/taint").POST(body(Map.of("reason", reason))));
    }

    /** Reports that the grant's session ended. */
    public void release(String grantId) {
        report(request("/v1/ssh/grants/" + encode(grantId)).DELETE());
    }

    /**
     * Whether each of {@code grantIds} (at most 1,000) is still live, and with which
     * permissions.
     */
    public List<GrantStatus> check(List<String> grantIds) {
        HttpResponse<String> response = expectSuccess(
                request("/v1/ssh/grants/check").POST(body(Map.of("grant_ids", grantIds))));
        return List.of(json.readValue(json.readTree(response.body()).path("grants").toString(), GrantStatus[].class));
    }

    /**
     * The grant event stream from after {@code lastEventId} (empty: from now), as lines;
     * the caller closes the stream.
     */
    public Stream<String> events(String lastEventId) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/v1/ssh/grants/events"))
            .header("Authorization", "Bearer " + token.get())
            .header("Accept", "text/event-stream")
            .GET();
        if (!lastEventId.isEmpty()) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("the grant event stream answered " + response.statusCode());
            }
            return response.body();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Reads one grant event's data. */
    public <T> T readEvent(String data, Class<T> type) {
        return json.readValue(data, type);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token.get())
            .header("Content-Type", "application/json");
    }

    private HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpResponse<String> expectSuccess(HttpRequest.Builder request) {
        try {
            return successful(send(request));
        }
        catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * Sends what happened to a grant and waits for the answer through an interrupt: a
     * download's thread is interrupted when its client goes away, the relay's threads
     * when the proxy stops, and the report must reach ssh-auth-service all the same. The
     * request's timeout bounds the wait.
     */
    private void report(HttpRequest.Builder request) {
        try {
            successful(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join());
        }
        catch (CompletionException e) {
            throw unreachable(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
    }

    private static HttpResponse<String> successful(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new SshAuthException("ssh-auth-service answered " + response.statusCode());
        }
        return response;
    }

    private static UncheckedIOException unreachable(IOException e) {
        return new UncheckedIOException("ssh-auth-service unreachable", e);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An answer ssh-auth-service should not have given. */
    public static class SshAuthException extends RuntimeException {

        SshAuthException(String message) {
            super(message);
        }

    }

}
