package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.ApiFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** explain, simulate, constraints and rollouts against a real placement service. */
@ExtendWith(WithControlPlane.class)
class PlacementCommandsTest {

    private final ControlPlane platform = WithControlPlane.controlPlane();

    private final CliRunner corral = WithControlPlane.cli();

    @Test
    void explainShowsTheCellAnInstanceWouldGoTo() {
        platform.receptor.desireLrp(ApiFixtures.desiredLrp("cli-explain-v1", 1));
        platform.placed("cli-explain-v1", 0);

        CliRunner.Result explained = corral.run("explain", "cli-explain-v1", "0");
        assertThat(explained.exitCode()).as(explained.toString()).isZero();
        assertThat(explained.out()).startsWith("cli-explain-v1/0: would go to cell-1\n")
            .contains("rules: required -; forbidden -; preferred -; max per cell -")
            .containsPattern("cell-1 +z1 +fits: zone_instances=0 ");

        CliRunner.Result json = corral.run("explain", "cli-explain-v1", "0", "--json");
        assertThat(json.json().path("chosen_cell_id").asString()).isEqualTo("cell-1");

        CliRunner.Result missing = corral.run("explain", "cli-explain-v1", "7");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void simulatePlacesAHypotheticalLrpWritingNothing() {
        CliRunner.Result simulated = corral.run("simulate", "--instances", "2", "--memory-mb", "128");
        assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
        assertThat(simulated.out()).containsPattern("0 +cell-1 +z1")
            .containsPattern("1 +cell-1 +z1")
            .contains("placed 2, unplaced 0; per zone: z1=2");

        CliRunner.Result nowhere = corral.run("simulate", "--instances", "1", "--tag", "gpu", "--json");
        assertThat(nowhere.json().path("failures").get(0).path("placement_error").asString())
            .isEqualTo("found no compatible cell");
    }

    @Test
    void constraintsSetGetListAuditAndDeleteRoundTrip() {
        CliRunner.Result set = corral.run("constraints", "set", "--space", "cli-space-1", "--tag", "linux,ssd",
                "--forbid", "gpu", "--prefer", "fast=10", "--max-per-cell", "2");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("owner:        space cli-space-1", "tags:         linux,ssd",
                "No placed instance breaks it.");

        CliRunner.Result got = corral.run("constraints", "get", "--space", "cli-space-1", "--json");
        assertThat(got.exitCode()).as(got.toString()).isZero();
        List<String> tags = new ArrayList<>();
        got.json().path("tags").forEach(tag -> tags.add(tag.asString()));
        assertThat(tags).containsExactly("linux", "ssd");
        assertThat(got.json().path("forbidden_tags").get(0).asString()).isEqualTo("gpu");
        assertThat(got.json().path("preferred_tags").path("fast").asInt()).isEqualTo(10);
        assertThat(got.json().path("max_instances_per_cell").asInt()).isEqualTo(2);
        assertThat(got.json().path("lifecycle").asString()).isEqualTo("running");

        CliRunner.Result listed = corral.run("constraints", "list", "--lifecycle", "running");
        assertThat(listed.out()).containsPattern("running +no +cli-space-1 +linux,ssd +gpu +fast=10 +2");

        CliRunner.Result audit = corral.run("constraints", "audit", "--space", "cli-space-1");
        assertThat(audit.out()).containsPattern("cli-space-1 +running +- +tags=linux,ssd forbidden=gpu");

        CliRunner.Result deleted = corral.run("constraints", "delete", "--space", "cli-space-1");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted the running constraint of space cli-space-1.\n");

        CliRunner.Result gone = corral.run("constraints", "get", "--space", "cli-space-1");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).contains("PlacementConstraintNotFound");
    }

    @Test
    void aConstraintTheServiceRefusesExitsWithTheUsageCodeNamingTheField() {
        CliRunner.Result refused = corral.run("constraints", "set", "--default", "--tag", "not a tag");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("refused PUT /v1/placement_constraints/default/running")
            .contains("tags[0]: must match")
            .contains("400 InvalidRequest");
    }

    @Test
    void aRollingChangeShowsInRollouts() {
        platform.receptor.desireLrp(ApiFixtures.desiredLrpBuilder("cli-rolling-v1").spaceGuid("cli-space-2").build());
        platform.run("cli-rolling-v1", 0, "10.0.0.8", List.of());

        CliRunner.Result set = corral.run("constraints", "set", "--space", "cli-space-2", "--tag", "pci", "--rolling");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("1 placed instances break it:")
            .containsPattern("cli-rolling-v1 +0 +cell-1 +lacks required tag pci")
            .containsPattern("Rollout \\d+ RUNNING: corral rollouts \\d+");
        long id = Long.parseLong(set.out().replaceAll("(?s).*Rollout (\\d+) RUNNING.*", "$1"));

        CliRunner.Result rollouts = corral.run("rollouts");
        assertThat(rollouts.exitCode()).isZero();
        assertThat(rollouts.out()).containsPattern(id + " +cli-space-2 +running +\\w+");

        CliRunner.Result rollout = corral.run("rollouts", String.valueOf(id));
        assertThat(rollout.out()).startsWith("rollout " + id + " of space cli-space-2 (running)")
            .containsPattern("cli-rolling-v1 +0 +\\w+ +cell-1");
        corral.run("constraints", "delete", "--space", "cli-space-2");
    }

}
