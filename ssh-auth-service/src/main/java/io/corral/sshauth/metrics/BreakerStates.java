package io.corral.sshauth.metrics;

import io.corral.sshauth.credential.UaaCodeExchange;
import io.corral.sshauth.delegation.CloudControllerAccess;
import io.corral.sshauth.instance.ReceptorAccess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The circuit breakers in front of the receptor, UAA and the Cloud Controller as
 * {@code ssh_auth_breaker_state{dependency, state}}: 1 for the state each is in, 0 for
 * the others, so an alert can fire while logins are refused because a dependency failed.
 */
@Component
class BreakerStates implements MeterBinder {

    private static final List<CircuitBreaker.State> STATES = List.of(CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private final List<CircuitBreaker> breakers;

    BreakerStates(ReceptorAccess receptor, UaaCodeExchange uaa, CloudControllerAccess cloudController) {
        this.breakers = List.of(receptor.breaker(), uaa.breaker(), cloudController.breaker());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CircuitBreaker breaker : breakers) {
            for (CircuitBreaker.State state : STATES) {
                Gauge.builder("ssh.auth.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .tag("dependency", breaker.getName())
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("1 for the state the dependency's circuit breaker is in")
                    .register(registry);
            }
        }
    }

}
