package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {

    private final CliRunner corral = new CliRunner(Map.of(), Path.of("").toAbsolutePath(), Path.of("/nonexistent"),
            (command, environment) -> 0);

    @Test
    void bashCompletionCoversTheCommandsAndTheirOptions() {
        CliRunner.Result completion = corral.run("completion", "bash");
        assertThat(completion.exitCode()).as(completion.toString()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash")
            .contains("complete -F _complete_corral")
            .contains("constraints", "ssh-policy", "--router-tags", "--json", "UNCLAIMED");
    }

    @Test
    void onlyBashIsOffered() {
        CliRunner.Result fish = corral.run("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

}
