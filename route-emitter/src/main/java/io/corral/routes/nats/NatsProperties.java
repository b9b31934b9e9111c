package io.corral.routes.nats;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the route emitter reaches NATS ({@code corral.routes.nats.*}).
 *
 * @param servers NATS server URLs ({@code nats://host:4222}, {@code tls://...}); none:
 * routes are served over HTTP only
 * @param options jnats' own connection properties, passed through as they are (e.g.
 * {@code io.nats.client.credential.path}, {@code io.nats.client.username},
 * {@code io.nats.client.keyStore}, {@code io.nats.client.trustStore},
 * {@code io.nats.client.secure})
 * @param greetInterval how often {@code router.greet} is sent until a router answers
 * @param startJitter every route is registered again within this long (a random delay)
 * after a router announces itself on {@code router.start}
 */
@Validated
@ConfigurationProperties("corral.routes.nats")
public record NatsProperties(List<String> servers, Map<String, String> options, @NotNull Duration greetInterval,
        @NotNull Duration startJitter) {

    public NatsProperties {
        servers = servers == null ? List.of() : servers.stream().filter(s -> !s.isBlank()).toList();
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public boolean configured() {
        return !servers.isEmpty();
    }

}
