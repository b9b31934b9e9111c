package io.corral.cell.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.api.CellCapacity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellPropertiesTest {

    @TempDir
    Path work;

    @Test
    void whatIsLeftOutHasTheDocumentedDefaults() {
        CellProperties cell = new CellProperties("cell-1", "z1", "http://cell-1:8893", null, null, null, null, null,
                null, null, null, null, null, null, null);

        assertThat(cell.address()).isEqualTo("127.0.0.1");
        assertThat(cell.rootfsProviders()).containsExactly("preloaded:cflinuxfs4");
        assertThat(cell.placementTags()).isEmpty();
        assertThat(cell.heartbeatTtlSeconds()).isEqualTo(30);
        assertThat(cell.reconcileInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cell.evacuationTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cell.backend()).isEqualTo(CellProperties.Backend.PROCESS);
        assertThat(cell.process().stopGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cell.simulated().crashRate()).isZero();
    }

    @Test
    void aDurationOutOfRangeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new CellProperties("cell-1", "z1", "http://cell-1:8893", null, null, null, null, null,
                Duration.ofSeconds(1), null, null, null, null, null, null))
            .hasMessageStartingWith("corral.cell.heartbeat-ttl: must be between");
        assertThatThrownBy(() -> new CellProperties("cell-1", "z1", "http://cell-1:8893", null, null, null, null, null,
                null, null, Duration.ofSeconds(-1), null, null, null, null))
            .hasMessageStartingWith("corral.cell.evacuation-timeout: must be between PT0S and PT1H");
    }

    @Test
    void capacityComesFromTheSettingsAndWhatTheyLeaveOutFromTheHost() {
        CellCapacity set = HostCapacity.of(new CellProperties.Capacity(2048, 4096, 12), work);
        CellCapacity measured = HostCapacity.of(new CellProperties.Capacity(null, null, null), work);

        assertThat(set).isEqualTo(new CellCapacity(2048, 4096, 12));
        assertThat(measured.memoryMb()).isPositive();
        assertThat(measured.diskMb()).isPositive();
        assertThat(measured.containers()).isEqualTo(HostCapacity.DEFAULT_CONTAINERS);
    }

    @Test
    void tagsAreCopied() {
        List<String> tags = new java.util.ArrayList<>(List.of("dmz"));
        CellProperties cell = new CellProperties("cell-1", "z1", "http://cell-1:8893", null, null, tags, null, null,
                null, null, null, null, null, null, null);
        tags.add("other");

        assertThat(cell.placementTags()).containsExactly("dmz");
    }

}
