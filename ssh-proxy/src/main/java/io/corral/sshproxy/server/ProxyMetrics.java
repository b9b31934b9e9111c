package io.corral.sshproxy.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The proxy's meters: {@code ssh_proxy_logins_total{outcome}} (granted, refused,
 * throttled, error, target_unreachable), {@code ssh_proxy_sessions_live} and
 * {@code ssh_proxy_bytes_relayed_total{direction}} (to_instance, from_instance).
 */
@Component
public class ProxyMetrics {

    private final MeterRegistry registry;

    private final Counter toInstance;

    private final Counter fromInstance;

    ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.toInstance = Counter.builder("ssh.proxy.bytes.relayed").tag("direction", "to_instance").register(registry);
        this.fromInstance = Counter.builder("ssh.proxy.bytes.relayed")
            .tag("direction", "from_instance")
            .register(registry);
    }

    void login(String outcome) {
        Counter.builder("ssh.proxy.logins").tag("outcome", outcome).register(registry).increment();
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
