package io.corral.receptor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.receptor.convergence.ConvergenceStep;
import io.corral.receptor.convergence.ConvergenceSummary;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "corral.convergence.interval=1h")
@Import(MetricsIntegrationTest.BrokenStep.class)
class MetricsIntegrationTest extends ReceptorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ConvergenceRunner convergence;

    @Test
    void lrpCountsAppearByState() {
        receptor().desireLrp(ApiFixtures.desiredLrp("counted", 3));

        Eventually.await(Duration.ofSeconds(30), "the LRP gauges count the new LRP", () -> {
            String metrics = scrape();
            return metrics.contains("corral_desired_lrps{application=\"receptor\"} 1.0")
                    && metrics.contains("corral_actual_lrps{application=\"receptor\",state=\"UNCLAIMED\"} 3.0");
        });
        assertThat(scrape()).contains("corral_actual_lrps{application=\"receptor\",state=\"RUNNING\"} 0.0");
    }

    @Test
    void failingStepIsCountedAndTheOtherStepsStillRun() {
        receptor().desireLrp(ApiFixtures.desiredLrp("converged", 1));
        receptor().stopInstance("converged", 0);

        ConvergenceSummary summary = convergence.runOnce();

        assertThat(summary.failed()).containsExactly("always-broken");
        assertThat(summary.changed()).containsEntry("lrp-indices", 1);
        String metrics = scrape();
        assertThat(metrics).contains("corral_convergence_runs_total{application=\"receptor\",result=\"failure\"}")
            .contains("corral_convergence_step_failures_total{application=\"receptor\",step=\"always-broken\"}")
            .contains("corral_convergence_duration_seconds_count{application=\"receptor\"}")
            .contains("corral_convergence_leader{application=\"receptor\"} 1.0");
    }

    @Test
    void httpTimingsAppear() {
        receptor().desiredLrps();
        assertThat(scrape()).contains("http_server_requests_seconds_count{").contains("uri=\"/v1/desired_lrps\"");
    }

    private String scrape() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/actuator/prometheus"))
            .header("Authorization", "Bearer " + TestTokens.withScopes("receptor.read"))
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
        catch (IOException e) {
            throw new AssertionError("scraping /actuator/prometheus failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @TestConfiguration
    static class BrokenStep {

        @Bean
        ConvergenceStep alwaysBroken() {
            return new ConvergenceStep() {
                @Override
                public String name() {
                    return "always-broken";
                }

                @Override
                public int converge() {
                    throw new IllegalStateException("this step always fails");
                }
            };
        }

    }

}
