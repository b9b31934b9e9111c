package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.CellSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementProblemTest {

    private static final PlacementProblem FULL = PlacementProblem.generate(5000, 3, 2000, 100_000, 42);

    @Test
    void theSameSeedGivesTheSameProblem() {
        assertThat(PlacementProblem.generate(5000, 3, 2000, 100_000, 42)).isEqualTo(FULL);
        assertThat(PlacementProblem.generate(5000, 3, 2000, 100_000, 43)).isNotEqualTo(FULL);
    }

    @Test
    void hasExactlyTheInstancesAskedForWithALongTail() {
        assertThat(FULL.cells()).hasSize(5000);
        assertThat(FULL.processes()).hasSize(2000);
        assertThat(FULL.totalInstances()).isEqualTo(100_000);
        assertThat(FULL.work()).hasSize(100_000);
        long small = FULL.processes().stream().filter(p -> p.instances() <= 40).count();
        long large = FULL.processes().stream().filter(p -> p.instances() >= 200).count();
        assertThat(small).isGreaterThan(1500);
        assertThat(large).isBetween(20L, 300L);
        int largest = FULL.processes().stream().mapToInt(PlacementProblem.Process::instances).max().orElseThrow();
        assertThat(largest).isBetween(500, 5000);
    }

    @Test
    void mixesTagsRootfsAndSizesOverEveryZone() {
        assertThat(FULL.zones()).containsExactly("z1", "z2", "z3");
        for (String tag : Set.of("dmz", "pci")) {
            assertThat(FULL.cells().stream().filter(c -> c.requiredTags().contains(tag)).map(CellSpec::zone).distinct())
                .hasSize(3);
            assertThat(FULL.processes().stream().filter(p -> p.tags().contains(tag))).isNotEmpty();
        }
        assertThat(FULL.cells().stream().filter(c -> c.optionalTags().contains("highmem"))).isNotEmpty();
        assertThat(FULL.cells().stream().filter(c -> !c.rootfsProviders().contains("docker"))).isNotEmpty();
        assertThat(FULL.processes().stream().filter(p -> p.tags().equals(Set.of("ssd", "highmem")))).isNotEmpty();
        assertThat(FULL.processes().stream().filter(p -> p.rootfs().startsWith("docker:"))).isNotEmpty();
        assertThat(FULL.cells().stream().map(c -> c.capacity().memoryMb()).distinct()).hasSize(3);
    }

    @Test
    void everyKindOfProcessFitsWithRoomToBalance() {
        assertThat(FULL.memoryShareByKind().values()).allSatisfy(share -> assertThat(share).isLessThan(0.6));
        PlacementProblem tenth = FULL.slice(10);
        assertThat(tenth.memoryShareByKind().values()).allSatisfy(share -> assertThat(share).isLessThan(0.7));
        PlacementProblem twentieth = FULL.slice(20);
        assertThat(twentieth.memoryShareByKind().values()).allSatisfy(share -> assertThat(share).isLessThan(0.7));
    }

    @Test
    void aSliceIsTheSameMixSmaller() {
        PlacementProblem tenth = FULL.slice(10);
        assertThat(tenth.cells()).hasSize(500);
        assertThat(tenth.processes()).hasSize(200);
        assertThat(tenth.totalInstances()).isEqualTo(10_000);
    }

    @Test
    void matchingFollowsTagsIsolationAndRootfs() {
        CellSpec plain = cell(Set.of(), Set.of("ssd"), Set.of(PlacementProblem.CFLINUXFS4));
        CellSpec dmz = cell(Set.of("dmz"), Set.of(), Set.of(PlacementProblem.CFLINUXFS4, "docker"));
        assertThat(PlacementProblem.matches(plain, process(Set.of(), PlacementProblem.CFLINUXFS4))).isTrue();
        assertThat(PlacementProblem.matches(plain, process(Set.of("ssd"), PlacementProblem.CFLINUXFS4))).isTrue();
        assertThat(PlacementProblem.matches(plain, process(Set.of("ssd", "highmem"), PlacementProblem.CFLINUXFS4)))
            .isFalse();
        assertThat(PlacementProblem.matches(plain, process(Set.of(), "docker:///app"))).isFalse();
        assertThat(PlacementProblem.matches(dmz, process(Set.of(), PlacementProblem.CFLINUXFS4))).isFalse();
        assertThat(PlacementProblem.matches(dmz, process(Set.of("dmz"), "docker:///app"))).isTrue();
    }

    static CellSpec cell(Set<String> required, Set<String> optional, Set<String> rootfs) {
        return new CellSpec("cell-x", "z1", required, optional, rootfs,
                new io.corral.placement.auction.Resources(1024, 4096, 10));
    }

    static PlacementProblem.Process process(Set<String> tags, String rootfs) {
        return new PlacementProblem.Process(0, "proc-x", 1, 256, 1024, rootfs, tags);
    }

}
