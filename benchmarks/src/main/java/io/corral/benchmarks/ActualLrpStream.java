package io.corral.benchmarks;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.client.ReceptorJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code GET /v1/actual_lrps} as it arrives, one instance at a time, counting
 * instances by state; so the reading side holds almost nothing and the heap measured is
 * the receptor's.
 */
final class ActualLrpStream {

    private ActualLrpStream() {
    }

    /** {@code whole}: the array came to its end, rather than being cut short. */
    record Result(long instances, Map<ActualLrpState, Long> byState, long bytes, double secondsToFirstInstance,
            double seconds, boolean whole) {
    }

    /**
     * Streams every instance; {@code halfway} runs once half of {@code expected} have
     * been read.
     */
    static Result readAll(HttpClient http, URI baseUri, String token, long expected, Runnable halfway) {
        return readAll(http, baseUri, token, expected, halfway, instance -> {
        });
    }

    /** Streams every instance, handing each to {@code each} as it is read. */
    static Result readAll(HttpClient http, URI baseUri, String token, long expected, Runnable halfway,
            Consumer<ActualLrp> each) {
        JsonMapper json = ReceptorJson.mapper();
        // The parser stays inside the array: what follows one instance is the next, not
        // trailing junk.
        ObjectReader reader = json.readerFor(ActualLrp.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/actual_lrps"))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = send(http, request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/actual_lrps answered " + response.statusCode());
        }
        Map<ActualLrpState, Long> byState = new EnumMap<>(ActualLrpState.class);
        long count = 0;
        double firstAt = 0;
        try (CountingStream body = new CountingStream(response.body()); JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("GET /v1/actual_lrps did not answer a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                ActualLrp instance = reader.readValue(parser);
                if (count == 0) {
                    firstAt = (System.nanoTime() - start) / 1e9;
                }
                byState.merge(instance.state(), 1L, Long::sum);
                each.accept(instance);
                if (++count == Math.max(1, expected / 2)) {
                    halfway.run();
                }
            }
            // A receptor whose read fails after it answered 200 cuts the array short.
            boolean whole = parser.currentToken() == JsonToken.END_ARRAY;
            return new Result(count, byState, body.bytes, firstAt, (System.nanoTime() - start) / 1e9, whole);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<InputStream> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final class CountingStream extends FilterInputStream {

        private long bytes;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytes += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            bytes += Math.max(n, 0);
            return n;
        }

    }

}
