package io.corral.apicheck.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.apicheck.monitoring.PromQl.Matcher;
import io.corral.apicheck.monitoring.PromQl.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aBareMetricAndOneWithMatchers() {
        assertThat(PromQl.selectors("corral_desired_lrps"))
            .containsExactly(new Selector("corral_desired_lrps", List.of()));
        assertThat(PromQl.selectors("absent(process_uptime_seconds{application=\"receptor\", job!~'x.*'})"))
            .containsExactly(new Selector("process_uptime_seconds",
                    List.of(new Matcher("application", "=", "receptor"), new Matcher("job", "!~", "x.*"))));
    }

    @Test
    void functionsAggregationsKeywordsAndLabelListsAreNoMetrics() {
        assertThat(metrics("""
                sum by (reason) (corral_placement_unplaced and on (instance) (corral_placement_auction_leader == 1)) > 0
                  or sum without (a, b) (x) * on (instance) group_left (lease) y unless z offset 5m or vector(0)"""))
            .containsExactly("corral_placement_unplaced", "corral_placement_auction_leader", "x", "y", "z");
        assertThat(metrics("histogram_quantile(0.99, sum by (le) (rate(m_bucket{le!=\"+Inf\"}[5m:30s])))"))
            .containsExactly("m_bucket");
        assertThat(metrics("time() - max(t and on (instance) (held{lease=\"route-emitter\"} == bool 1)) > 1e3"))
            .containsExactly("t", "held");
    }

    @Test
    void durationsNumbersAndGrafanaVariablesAreSkipped() {
        assertThat(metrics("sum(rate(a_total[$__rate_interval])) * 60 / rate(b_sum[${window}]) > 0.5"))
            .containsExactly("a_total", "b_sum");
        assertThat(metrics("max_over_time(a[1h]) > $threshold")).containsExactly("a");
    }

    @Test
    void escapedQuotesInAMatchersValue() {
        assertThat(PromQl.selectors("m{reason=\"a \\\"quoted\\\" b\"}").get(0).matchers())
            .containsExactly(new Matcher("reason", "=", "a \"quoted\" b"));
    }

    @Test
    void aSelectorByName() {
        assertThat(PromQl.selectors("{__name__=\"up\", job=\"corral\"}")).extracting(Selector::metric)
            .containsExactly("up");
    }

    private static List<String> metrics(String expr) {
        return PromQl.selectors(expr).stream().map(Selector::metric).toList();
    }

}
