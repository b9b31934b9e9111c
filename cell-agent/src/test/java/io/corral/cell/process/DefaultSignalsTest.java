package io.corral.cell.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process started through {@link DefaultSignals} acts on a signal its starter was
 * ignoring, as one started by {@code nohup} would not.
 */
class DefaultSignalsTest {

    /** Traps HUP (exit 8) and sends it to itself; a HUP left ignored gives exit 1. */
    private static final List<String> TRAPS_ITS_OWN_HUP = List.of("/bin/bash", "-c",
            "trap 'exit 8' HUP; kill -HUP $$; sleep 0.2; exit 1");

    @Test
    void aSignalTheStarterIgnoredIsTrappedAgain() throws Exception {
        assertThat(exitUnderNohup(DefaultSignals.of(TRAPS_ITS_OWN_HUP))).isEqualTo(8);
    }

    @Test
    void withoutItTheIgnoredSignalStaysIgnored() throws Exception {
        assertThat(exitUnderNohup(TRAPS_ITS_OWN_HUP)).isEqualTo(1);
    }

    private static int exitUnderNohup(List<String> commandLine) throws Exception {
        List<String> line = new ArrayList<>(List.of("nohup"));
        line.addAll(commandLine);
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

}
