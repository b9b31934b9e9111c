package io.corral.sshproxy.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The proxy's meters: {@code ssh_proxy_logins_total{outcome}} (granted, refused,
 * throttled, error, target_unreachable; every outcome's series exists from the start, so
 * an alert on its rate sees the first), {@code ssh_proxy_sessions_live} and
 * {@code ssh_proxy_bytes_relayed_total{direction}} (to_instance, from_instance).
 */
@Component
public class ProxyMetrics {

    static final List<String> LOGIN_OUTCOMES = List.of("granted", "refused", "throttled", "error",
            "target_unreachable");

    private final MeterRegistry registry;

    private final Map<String, Counter> logins = new HashMap<>();

    private final Counter toInstance;

    private final Counter fromInstance;

    ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : LOGIN_OUTCOMES) {
            logins.put(outcome,
                    Counter.builder("ssh.proxy.logins")
                        .description("SSH logins, by outcome")
                        .tag("outcome", outcome)
                        .register(registry));
        }
        this.toInstance = Counter.builder("ssh.proxy.bytes.relayed").tag("direction", "to_instance").register(registry);
        this.fromInstance = Counter.builder("ssh.proxy.bytes.relayed")
            .tag("direction", "from_instance")
            .register(registry);
    }

    void login(String outcome) {
        logins.get(outcome).increment();
    }

    void liveSessions(Supplier<Number> count) {
        Gauge.builder("ssh.proxy.sessions.live", count).register(registry);
    }

    void relayedToInstance(long bytes) {
        toInstance.increment(bytes);
    }

    public void relayedFromInstance(long bytes) {
        fromInstance.increment(bytes);
    }

}
