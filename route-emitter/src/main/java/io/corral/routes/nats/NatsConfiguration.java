package io.corral.routes.nats;

import io.corral.routes.emitter.RoutePublisher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes go to NATS when {@code corral.routes.nats.servers} names a server, else nowhere
 * (the HTTP table only). Health is DOWN while NATS is configured and not connected: the
 * routers hear nothing then.
 */
@Configuration
public class NatsConfiguration {

    @Bean
    RoutePublisher routePublisher(NatsProperties properties, MeterRegistry meters) {
        if (!properties.configured()) {
            Gauge.builder("corral.routes.nats.connected", () -> 0).register(meters);
            return RoutePublisher.NONE;
        }
        NatsRouters routers = new NatsRouters(properties);
        Gauge.builder("corral.routes.nats.connected", () -> routers.isConnected() ? 1 : 0)
            .description("1 while connected to NATS")
            .register(meters);
        FunctionCounter.builder("corral.routes.nats.dropped", routers, NatsRouters::dropped)
            .description("Messages the NATS client refused (connection closed, outgoing queue full)")
            .register(meters);
        return routers;
    }

    @Bean
    HealthIndicator nats(RoutePublisher publisher) {
        return () -> {
            if (!(publisher instanceof NatsRouters routers)) {
                return Health.up().withDetail("configured", false).build();
            }
            return (routers.isConnected() ? Health.up() : Health.down()).withDetail("configured", true).build();
        };
    }

}
