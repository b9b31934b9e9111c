package io.corral.apicheck.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.apicheck.EveryService;
import io.corral.apicheck.monitoring.MonitoringFiles.Query;
import io.corral.apicheck.monitoring.PromQl.Matcher;
import io.corral.apicheck.monitoring.PromQl.Selector;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of the dashboards and alerting rules in {@code deploy/monitoring} reads
 * metrics the services really export: it boots every service, makes them do what some
 * metrics wait for (an SSH login refused, HTTP requests), scrapes each one's
 * {@code /actuator/prometheus} and looks up each selector's metric name and its label
 * matchers in what they export.
 */
class MonitoringQueriesTest {

    /** Labels Prometheus adds to what it scrapes. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static EveryService services;

    private static final ExportedSeries exported = new ExportedSeries();

    @BeforeAll
    static void scrapeEveryService() {
        // NATS configured: the route emitter exports its NATS meters (it connects in the
        // background).
        services = EveryService.start(Map.of("corral.routes.nats.servers", "nats://127.0.0.1:4222"));
        new RawHttp(services.get("ssh-auth").uri())
            .send("POST", "/v1/ssh/authorize", TestTokens.withScopes("ssh.proxy"),
                    "{\"username\": \"not-a-target\", \"password\": \"x\", \"client_address\": \"127.0.0.1:50000\"}")
            .assertError(403, "SshAccessRefused");
        for (ServiceUnderTest service : services.byName().values()) {
            scrape(service);
            exported.add(scrape(service));
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void everyQueryReadsExportedMetricsWithExportedLabels() {
        List<Query> queries = MonitoringFiles.queries();
        assertThat(queries).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            for (Selector selector : PromQl.selectors(query.expr())) {
                problems.addAll(problems(query, selector));
            }
        }
        assertThat(problems).as("queries reading what no service exports").isEmpty();
    }

    /**
     * What is wrong with one selector: its metric not exported, no series with every
     * label value its {@code =} matchers name, or a label its other matchers test that no
     * series has.
     */
    private static List<String> problems(Query query, Selector selector) {
        if (!exported.has(selector.metric())) {
            return List.of(query.where() + ": no service exports " + selector.metric());
        }
        List<Map<String, String>> series = exported.labels(selector.metric());
        List<Matcher> checked = selector.matchers()
            .stream()
            .filter(matcher -> !TARGET_LABELS.contains(matcher.label()) && !matcher.value().isEmpty())
            .toList();
        List<Matcher> equal = checked.stream().filter(matcher -> matcher.operator().equals("=")).toList();
        List<String> problems = new ArrayList<>();
        if (series.stream()
            .noneMatch(labels -> equal.stream().allMatch(m -> m.value().equals(labels.get(m.label()))))) {
            problems.add(query.where() + ": no series of " + selector.metric() + " has " + equal);
        }
        checked.stream()
            .filter(matcher -> !matcher.operator().equals("="))
            .filter(matcher -> series.stream().noneMatch(labels -> labels.containsKey(matcher.label())))
            .forEach(matcher -> problems
                .add(query.where() + ": no series of " + selector.metric() + " has the label " + matcher.label()));
        return problems;
    }

    private static String scrape(ServiceUnderTest service) {
        RawHttp.Response response = new RawHttp(service.uri()).send("GET", "/actuator/prometheus",
                TestTokens.withScopes("receptor.read"), null);
        assertThat(response.status()).as(service.uri() + "/actuator/prometheus").isEqualTo(200);
        return response.body();
    }

}
