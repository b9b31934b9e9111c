package io.corral.standalone;

import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Desires LRPs one connection per request (no keep-alive), so each request either is
 * refused, or is answered, or hangs until the read timeout: what a client of a stopping
 * service can see.
 */
final class ApiCaller {

    enum Outcome {

        /** 2xx: the service acknowledged the write. */
        ACKNOWLEDGED,
        /** 503: the service refused it while stopping. */
        SHUTTING_DOWN,
        /** the connection was refused or closed before an answer. */
        NOT_ACCEPTED,
        /** no answer within the read timeout. */
        HUNG,
        /** any other status. */
        FAILED

    }

    private static final int READ_TIMEOUT_MILLIS = 20_000;

    static {
        System.setProperty("http.keepAlive", "false");
        // HttpURLConnection otherwise sends a POST again, once and unseen, when a
        // connection
        // closes before its answer: a desire the first attempt committed would then come
        // back 409, counted against the service.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final URI receptor;

    private final String token;

    private final Queue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();

    ApiCaller(URI receptor, String token) {
        this.receptor = receptor;
        this.token = token;
    }

    Outcome desire(String processGuid) {
        byte[] body = ReceptorJson.mapper()
            .writeValueAsString(ApiFixtures.desiredLrp(processGuid, 1))
            .getBytes(StandardCharsets.UTF_8);
        try {
            HttpURLConnection connection = (HttpURLConnection) receptor.resolve("/v1/desired_lrps")
                .toURL()
                .openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status / 100 == 2) {
                connection.disconnect();
                return Outcome.ACKNOWLEDGED;
            }
            if (status == 503) {
                connection.disconnect();
                return Outcome.SHUTTING_DOWN;
            }
            unexpectedAnswers.add(processGuid + ": " + status + " " + errorBody(connection));
            connection.disconnect();
            return Outcome.FAILED;
        }
        catch (SocketTimeoutException e) {
            return "Read timed out".equals(e.getMessage()) ? Outcome.HUNG : Outcome.NOT_ACCEPTED;
        }
        catch (IOException e) {
            return Outcome.NOT_ACCEPTED;
        }
    }

    /** The answers counted as {@link Outcome#FAILED}: the process, status and body. */
    List<String> unexpectedAnswers() {
        return List.copyOf(unexpectedAnswers);
    }

    private static String errorBody(HttpURLConnection connection) throws IOException {
        try (var body = connection.getErrorStream()) {
            return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
