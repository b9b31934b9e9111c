package io.corral.receptor.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The oldest PostgreSQL the receptor supports is 13 (event ids use
 * {@code pg_current_xact_id()}). Where Docker runs, this boots the receptor on a
 * PostgreSQL 13 container and drives an instance to RUNNING with its events; without
 * Docker it is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@TestPropertySource(properties = "corral.convergence.interval=1h")
class OldestPostgresIntegrationTest {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:13-alpine");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        TestTokens.register(registry);
    }

    @Test
    void anInstanceRunsAndItsEventsAreStreamed() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        ReceptorClient receptor = new ReceptorClient(base, TestTokens::receptorAdmin);
        try (ReceptorEventStream events = ReceptorEventStream.open(base, TestTokens::receptorAdmin)) {
            receptor.heartbeat("cell-13", ApiFixtures.cell("cell-13", "z1", List.of()));
            receptor.desireLrp(ApiFixtures.desiredLrp("on-13", 1));

            ActualLrp running = ApiFixtures.runInstance(receptor, "cell-13", "on-13", 0);

            assertThat(running.state()).isEqualTo(ActualLrpState.RUNNING);
            RawEvent first = events.poll(Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.type()).isEqualTo(DesiredLrpCreated.NAME);
        }
    }

}
