package io.corral.support.receptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * The {@code receptor} health check ({@link ReceptorHealthIndicator}) of every service
 * that follows the receptor's events; each such service puts it in its readiness group.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnSingleCandidate(ReceptorEventSubscription.class)
public class ReceptorHealthAutoConfiguration {

    @Bean
    ReceptorHealthIndicator receptorHealthIndicator(ReceptorEventSubscription subscription) {
        return new ReceptorHealthIndicator(subscription);
    }

}
