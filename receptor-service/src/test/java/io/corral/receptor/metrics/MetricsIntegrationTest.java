package io.corral.receptor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorClient;
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
import java.util.List;
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
        String desired = "corral_desired_lrps{application=\"receptor\"}";
        String unclaimed = "corral_actual_lrps{application=\"receptor\",state=\"UNCLAIMED\"}";
        String before = scrape();

        receptor().desireLrp(ApiFixtures.desiredLrp("counted", 3));

        Eventually.await(Duration.ofSeconds(30), "the LRP gauges count the new LRP", () -> {
            String metrics = scrape();
            return value(metrics, desired) == value(before, desired) + 1
                    && value(metrics, unclaimed) == value(before, unclaimed) + 3;
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
            .contains("corral_convergence_step_duration_seconds_count{application=\"receptor\",step=\"lrp-indices\"}")
            .contains("corral_convergence_step_duration_seconds_count{application=\"receptor\",step=\"always-broken\"}")
            .contains("corral_convergence_leader{application=\"receptor\"} 1.0")
            .contains("corral_lease_held{application=\"receptor\",lease=\"convergence\"} 1.0")
            .contains("corral_lease_acquisitions_total{application=\"receptor\",lease=\"convergence\"} 1.0");
    }

    @Test
    void everyStepsFailureSeriesExistsBeforeItFirstFails() {
        assertThat(scrape())
            .contains(
                    "corral_convergence_step_failures_total{application=\"receptor\",step=\"lrp-crash-restarts\"} 0.0")
            .contains("corral_convergence_runs_total{application=\"receptor\",result=\"failure\"}");
    }

    @Test
    void crashesTheCellsReportAreCounted() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-crashing", ApiFixtures.cell("cell-crashing", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("crashing", 1));
        double before = value(scrape(), "corral_actual_lrps_crashes_total{application=\"receptor\"}");

        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-crashing", "crashing", 0);
        receptor.transition("cell-crashing", "crashing", 0, "crash",
                new InstanceTransition(running.instanceGuid(), running.modificationTag(), null, null, "exit 1", null));

        assertThat(value(scrape(), "corral_actual_lrps_crashes_total{application=\"receptor\"}")).isEqualTo(before + 1);
    }

    @Test
    void everyEventReadForTheStreamsIsTimed() {
        double before = value(scrape(), "corral_events_lag_seconds_count{application=\"receptor\"}");

        receptor().desireLrp(ApiFixtures.desiredLrp("lagging", 2));

        Eventually.await(Duration.ofSeconds(30), "the fan-out times the LRP's three events",
                () -> value(scrape(), "corral_events_lag_seconds_count{application=\"receptor\"}") >= before + 3);
    }

    @Test
    void httpTimingsAppearWithoutATimerOfTheRequestsInFlight() {
        receptor().desiredLrps();
        assertThat(scrape()).contains("http_server_requests_seconds_count{")
            .contains("uri=\"/v1/desired_lrps\"")
            .doesNotContain("http_server_requests_active");
    }

    private static double value(String metrics, String series) {
        return metrics.lines()
            .filter(line -> line.startsWith(series + " "))
            .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(series + " is not exported"));
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
