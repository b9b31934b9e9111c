package io.corral.cell.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.process.MemoryCgroups.Mount;
import io.corral.cell.process.MemoryCgroups.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which hierarchy the agent uses and what it writes there, on a directory laid out as the
 * kernel lays out a cgroup v2 hierarchy (the v1 one is exercised for real in
 * {@link ProcessContainersTest} where the host offers it).
 */
class MemoryCgroupsTest {

    @TempDir
    Path dir;

    @Test
    void theV2HierarchyIsChosenOnlyWhereItOffersTheMemoryController() throws IOException {
        Path unified = hierarchy("unified", "cpu io pids");
        Path memory = Files.createDirectories(dir.resolve("memory"));
        Path mountinfo = mountinfo(unified, memory);

        assertThat(Mount.memoryController(mountinfo)).contains(new Mount(Version.V1, memory));

        Files.writeString(unified.resolve("cgroup.controllers"), "cpu io memory pids\n");
        assertThat(Mount.memoryController(mountinfo)).contains(new Mount(Version.V2, unified));
    }

    @Test
    void aHostWithoutAMemoryHierarchyLimitsNothing() throws IOException {
        Path unified = hierarchy("unified", "cpu pids");

        assertThat(MemoryCgroups.forCell(mountinfo(unified, null), "cell-1")).isEmpty();
        assertThat(MemoryCgroups.forCell(dir.resolve("no-such-mountinfo"), "cell-1")).isEmpty();
    }

    @Test
    void onV2EachLevelHandsTheMemoryControllerDownAndAContainerGetsItsLimitWithoutSwap() throws IOException {
        Path unified = hierarchy("unified", "cpu memory pids");
        Files.createDirectories(unified.resolve("corral/cell-1"));
        Files.writeString(unified.resolve("corral/cgroup.subtree_control"), "");
        Files.writeString(unified.resolve("corral/cell-1/cgroup.subtree_control"), "");

        MemoryCgroups cgroups = MemoryCgroups.forCell(mountinfo(unified, null), "cell-1").orElseThrow();
        Path cgroup = cgroups.create("instance/../1", 64);
        Files.writeString(cgroup.resolve("memory.swap.max"), "max");
        cgroups.create("instance/../1", 64);

        assertThat(cgroups.version()).isEqualTo(Version.V2);
        assertThat(Files.readString(unified.resolve("corral/cgroup.subtree_control"))).isEqualTo("+memory");
        assertThat(Files.readString(unified.resolve("corral/cell-1/cgroup.subtree_control"))).isEqualTo("+memory");
        assertThat(cgroup).isEqualTo(unified.resolve("corral/cell-1/instance_.._1"));
        assertThat(Files.readString(cgroup.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(Files.readString(cgroup.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(cgroups.outOfMemory(cgroup)).isFalse();

        Files.writeString(cgroup.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        assertThat(cgroups.outOfMemory(cgroup)).isTrue();
    }

    @Test
    void namesThatCouldLeaveTheHierarchyStayInIt() {
        assertThat(MemoryCgroups.safeName("..")).isEqualTo("_..");
        assertThat(MemoryCgroups.safeName("a/b c")).isEqualTo("a_b_c");
        assertThat(MemoryCgroups.safeName("cell-z1-0")).isEqualTo("cell-z1-0");
    }

    private Path hierarchy(String name, String controllers) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), controllers + "\n");
        return root;
    }

    private Path mountinfo(Path unified, Path memory) throws IOException {
        StringBuilder lines = new StringBuilder("25 1 0:22 / / rw,relatime - ext4 /dev/vda rw\n" + "41 31 0:38 / "
                + unified + " rw,relatime - cgroup2 cgroup2 rw\n");
        if (memory != null) {
            lines.append("35 31 0:32 / ").append(memory).append(" rw,relatime - cgroup cgroup rw,memory\n");
        }
        return Files.writeString(dir.resolve("mountinfo"), lines);
    }

}
