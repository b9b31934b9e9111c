package io.corral.apicheck.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards in {@code deploy/monitoring/grafana/dashboards} import anywhere:
 * each asks for its Prometheus data source, every panel reads through it, says what it
 * shows and queries at least one metric. ({@link MonitoringQueriesTest} checks that the
 * services export those metrics.)
 */
class DashboardsTest {

    static List<Path> dashboards() {
        return MonitoringFiles.dashboards();
    }

    @Test
    void thereIsAnOverviewAndTheUidsAreUnique() {
        List<String> uids = dashboards().stream()
            .map(file -> MonitoringFiles.dashboard(file).path("uid").asString())
            .toList();
        assertThat(uids).contains("corral-overview").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void theDashboardAsksForItsDataSource(Path file) {
        JsonNode dashboard = MonitoringFiles.dashboard(file);
        assertThat(dashboard.path("uid").asString() + ".json").isEqualTo(file.getFileName().toString());
        assertThat(dashboard.path("title").asString()).startsWith("Corral / ");
        assertThat(dashboard.path("tags")).extracting(JsonNode::asString).contains("corral");
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asString()).isEqualTo("datasource");
            assertThat(variable.path("type").asString()).isEqualTo("datasource");
            assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        });
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelReadsThroughTheDataSourceVariableAndSaysWhatItShows(Path file) {
        List<JsonNode> panels = MonitoringFiles.panels(MonitoringFiles.dashboard(file))
            .stream()
            .filter(panel -> !panel.path("type").asString().equals("row"))
            .toList();
        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asString();
            assertThat(title).isNotBlank();
            assertThat(panel.path("description").asString()).as(title).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt()).as(title)
                .isBetween(1, 24);
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
                assertThat(PromQl.selectors(target.path("expr").asString())).as(title + ": " + target.path("expr"))
                    .isNotEmpty();
            });
        });
    }

}
