package io.corral.sshproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final ProxyMetrics metrics = new ProxyMetrics(meters);

    @Test
    void everyLoginOutcomeIsExportedBeforeTheFirstLogin() {
        assertThat(ProxyMetrics.LOGIN_OUTCOMES).allSatisfy(outcome -> assertThat(logins(outcome)).as(outcome).isZero());
    }

    @Test
    void aLoginCountsUnderItsOutcome() {
        metrics.login("refused");
        metrics.login("refused");
        metrics.login("granted");

        assertThat(logins("refused")).isEqualTo(2);
        assertThat(logins("granted")).isEqualTo(1);
        assertThat(logins("throttled")).isZero();
    }

    private double logins(String outcome) {
        return meters.get("ssh.proxy.logins").tag("outcome", outcome).counter().count();
    }

}
