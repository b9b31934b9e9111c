package io.corral.receptor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class DesiredLrpTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DesiredLrp everyFieldSet = DesiredLrp.builder()
        .processGuid("web")
        .domain("cf-apps")
        .rootfs("preloaded:cflinuxfs4")
        .instances(3)
        .env(List.of(new EnvironmentVariable("PORT", "8080")))
        .setup(JSON.textNode("setup"))
        .action(JSON.textNode("action"))
        .monitor(JSON.textNode("monitor"))
        .startTimeout(60)
        .cpuWeight(10)
        .diskMb(1024)
        .memoryMb(256)
        .privileged(true)
        .ports(List.of(8080))
        .routes(Map.of("cf-router", JSON.arrayNode()))
        .logGuid("log")
        .logSource("APP")
        .metricsGuid("metrics")
        .annotation("note")
        .egressRules(List.of(JSON.objectNode()))
        .placementTags(List.of("alpha"))
        .spaceGuid("space")
        .appGuid("app")
        .modificationTag(new ModificationTag("epoch", 7))
        .build();

    @Test
    void eachFieldIsWhatItsSetterWasGiven() {
        assertThat(everyFieldSet)
            .extracting(DesiredLrp::processGuid, DesiredLrp::domain, DesiredLrp::rootfs, DesiredLrp::logGuid,
                    DesiredLrp::logSource, DesiredLrp::metricsGuid, DesiredLrp::annotation, DesiredLrp::spaceGuid,
                    DesiredLrp::appGuid)
            .containsExactly("web", "cf-apps", "preloaded:cflinuxfs4", "log", "APP", "metrics", "note", "space", "app");
        assertThat(everyFieldSet)
            .extracting(DesiredLrp::instances, DesiredLrp::startTimeout, DesiredLrp::cpuWeight, DesiredLrp::diskMb,
                    DesiredLrp::memoryMb)
            .containsExactly(3, 60, 10, 1024, 256);
        assertThat(everyFieldSet).extracting(DesiredLrp::setup, DesiredLrp::action, DesiredLrp::monitor)
            .containsExactly(JSON.textNode("setup"), JSON.textNode("action"), JSON.textNode("monitor"));
    }

    @Test
    void aCopyThroughTheBuilderKeepsEveryField() {
        assertThat(everyFieldSet).hasNoNullFieldsOrProperties();
        assertThat(everyFieldSet.toBuilder().build()).isEqualTo(everyFieldSet);
    }

    @Test
    void aCopyDiffersOnlyInWhatWasChanged() {
        DesiredLrp moved = everyFieldSet.toBuilder().spaceGuid("other-space").build();

        assertThat(moved.spaceGuid()).isEqualTo("other-space");
        assertThat(moved).usingRecursiveComparison().ignoringFields("spaceGuid").isEqualTo(everyFieldSet);
    }

}
