package io.corral.sshauth.delegation;

import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the Cloud Controller whether a user may log in to an app's instance, as Diego's
 * proxy does: 200 with the {@code process_guid} to log in to is a yes; anything else a
 * no. Within a timeout and behind a circuit breaker.
 */
@Component
public class CloudControllerAccess {

    private final CloudControllerProperties properties;

    private final JsonMapper json;

    private final HttpClient http;

    private final CircuitBreaker breaker = CircuitBreaker.of("cloud-controller",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .build());

    public CloudControllerAccess(CloudControllerProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public boolean enabled() {
        return properties.url() != null;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * The process the user may log in to.
     * @throws RefusedException {@code invalid_credential} when the Cloud Controller does
     * not accept the token, {@code not_authorized} for any other refusal
     * @throws ApiException {@code CloudControllerUnavailable}
     */
    public String processGuid(String appGuid, int index, String userToken) {
        HttpResponse<String> response;
        try {
            response = breaker.executeCallable(() -> ask(appGuid, index, userToken));
        }
        catch (CallNotPermittedException e) {
            throw unavailable("the Cloud Controller failed repeatedly; not asking it for a while");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking the Cloud Controller");
        }
        catch (Exception e) {
            throw unavailable("the Cloud Controller did not answer");
        }
        if (response.statusCode() == 401) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(RefusalReason.NOT_AUTHORIZED);
        }
        JsonNode processGuid = json.readTree(response.body()).path("process_guid");
        if (!processGuid.isString() || processGuid.asString().isBlank()) {
            throw unavailable("the Cloud Controller's answer names no process_guid");
        }
        return processGuid.asString();
    }

    private HttpResponse<String> ask(String appGuid, int index, String userToken)
            throws IOException, InterruptedException {
        URI uri = URI.create(properties.url().toString().replaceAll("/+$", "") + "/internal/apps/"
                + URLEncoder.encode(appGuid, StandardCharsets.UTF_8) + "/ssh_access/" + index);
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(properties.timeout())
            .header("Authorization", "bearer " + userToken)
            .header("Accept", "application/json")
            .GET()
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IOException("the Cloud Controller answered " + response.statusCode());
        }
        return response;
    }

    private static ApiException unavailable(String message) {
        return new ApiException(ErrorCode.CLOUD_CONTROLLER_UNAVAILABLE, message);
    }

}
