package io.corral.sshauth.credential;

import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exchanges a one-time code for the user's token at the configured UAA (an
 * {@code authorization_code} grant with the proxy's client), within a timeout and behind
 * a circuit breaker: a UAA that fails keeps failing fast instead of holding logins.
 */
@Component
public class UaaCodeExchange {

    private final UaaProperties properties;

    private final HttpClient http;

    private final JsonMapper json;

    private final CircuitBreaker breaker;

    public UaaCodeExchange(UaaProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.breaker = CircuitBreaker.of("uaa",
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(20)
                    .minimumNumberOfCalls(5)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(10))
                    .build());
    }

    public boolean enabled() {
        return properties.tokenUri() != null;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * The access token UAA gives for {@code code}.
     * @throws RefusedException {@code code_used_or_expired} when UAA refuses the code (it
     * answers alike for a used, expired or unknown code)
     * @throws ApiException {@code UaaUnavailable} when UAA cannot be asked
     */
    public String exchange(String code) {
        HttpResponse<String> response;
        try {
            response = breaker.executeCallable(() -> send(code));
        }
        catch (CallNotPermittedException e) {
            throw unavailable("UAA failed repeatedly; not asking it for a while");
        }
        catch (IOException | UaaFailure e) {
            throw unavailable("UAA did not answer the code exchange");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking UAA");
        }
        catch (Exception e) {
            throw unavailable("UAA's answer could not be read");
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(RefusalReason.CODE_USED_OR_EXPIRED);
        }
        JsonNode token = json.readTree(response.body()).path("access_token");
        if (!token.isString()) {
            throw unavailable("UAA's answer holds no access_token");
        }
        return token.asString();
    }

    private HttpResponse<String> send(String code) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        if (properties.redirectUri() != null) {
            form.put("redirect_uri", properties.redirectUri());
        }
        String body = form.entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        String client = Base64.getEncoder()
            .encodeToString((properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri())
            .timeout(properties.timeout())
            .header("Authorization", "Basic " + client)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new UaaFailure();
        }
        return response;
    }

    private static ApiException unavailable(String message) {
        return new ApiException(ErrorCode.UAA_UNAVAILABLE, message);
    }

    /** A 5xx: counts against the breaker like a timeout. */
    private static final class UaaFailure extends RuntimeException {

        UaaFailure() {
            super("UAA answered 5xx", null, false, false);
        }

    }

}
