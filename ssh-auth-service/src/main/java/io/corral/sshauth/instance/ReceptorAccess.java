package io.corral.sshauth.instance;

import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.support.receptor.ReceptorProperties;
import io.corral.support.security.ServiceTokens;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The receptor as logins call it: each call within {@link TargetProperties#timeout} and
 * behind a circuit breaker, so a receptor that is down fails logins fast (503
 * ReceptorUnavailable) instead of holding them. Timeouts, I/O errors, 5xx and a refused
 * service token count as failures; a 404 is an answer.
 */
@Configuration
public class ReceptorAccess {

    private final CircuitBreaker breaker = CircuitBreaker.of("receptor",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .recordException(ReceptorAccess::isFailure)
                .build());

    @Bean
    ReceptorClient receptorClient(ReceptorProperties receptor, ServiceTokens tokens, TargetProperties target) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(target.timeout()).build();
        return new ReceptorClient(http, receptor.url(), tokens, target.timeout());
    }

    /** {@code call}'s answer, or 503 ReceptorUnavailable. */
    <T> T call(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        }
        catch (CallNotPermittedException e) {
            throw new ApiException(ErrorCode.RECEPTOR_UNAVAILABLE, "the receptor failed repeatedly; try again shortly");
        }
        catch (RuntimeException e) {
            if (isFailure(e)) {
                throw new ApiException(ErrorCode.RECEPTOR_UNAVAILABLE, "the receptor did not answer");
            }
            throw e;
        }
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    private static boolean isFailure(Throwable e) {
        return e instanceof UncheckedIOException
                || e instanceof ReceptorException r && (r.status() >= 500 || r.status() == 401 || r.status() == 403);
    }

}
