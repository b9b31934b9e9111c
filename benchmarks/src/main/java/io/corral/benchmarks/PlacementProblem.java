package io.corral.benchmarks;

import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.PlacementRules;
import io.corral.placement.auction.Resources;
import io.corral.placement.auction.WorkItem;
import io.corral.receptor.api.ApiPatterns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A placement problem made up from a seed: cells of three sizes over the zones, most
 * untagged, some with optional tags ({@code ssd}, {@code gpu}, {@code highmem}), a few
 * isolated by a required tag ({@code dmz}, {@code pci}), most offering docker; and
 * processes with a long tail of instance counts (many of 10 to 30, a few of hundreds or
 * thousands), memory from 256 MB to 4 GB, mostly untagged and on cflinuxfs4. The same
 * arguments always give the same problem.
 */
record PlacementProblem(int zoneCount, long seed, List<CellSpec> cells, List<Process> processes) {

    static final String CFLINUXFS4 = "preloaded:cflinuxfs4";
    static final int CONTAINERS_PER_CELL = 250;

    private static final long GIB_MB = 1024;

    /**
     * One process: {@code instances} identical instances with the same needs and
     * placement tags.
     */
    record Process(int number, String guid, int instances, long memoryMb, long diskMb, String rootfs,
            Set<String> tags) {

        WorkItem item(int index) {
            return new WorkItem(guid + "/" + index, guid, rootfs, Resources.ofInstance(memoryMb, diskMb),
                    tags.isEmpty() ? PlacementRules.NONE : PlacementRules.requiring(tags));
        }
    }

    PlacementProblem {
        cells = List.copyOf(cells);
        processes = List.copyOf(processes);
    }

    static PlacementProblem generate(int cells, int zones, int processes, int instances, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CellSpec> cellSpecs = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            cellSpecs.add(cell(c, zones, random));
        }
        int[] sizes = instanceCounts(processes, instances, random);
        List<Process> procs = new ArrayList<>(processes);
        for (int p = 0; p < processes; p++) {
            procs.add(process(p, sizes[p], random));
        }
        return new PlacementProblem(zones, seed, cellSpecs, procs);
    }

    /**
     * The same mix at 1/{@code divisor} of the size: fewer cells, processes and
     * instances.
     */
    PlacementProblem slice(int divisor) {
        if (divisor == 1) {
            return this;
        }
        int cellsSlice = Math.max(zoneCount, cells.size() / divisor);
        int processesSlice = Math.max(1, processes.size() / divisor);
        int instancesSlice = Math.max(processesSlice, totalInstances() / divisor);
        return generate(cellsSlice, zoneCount, processesSlice, instancesSlice, seed);
    }

    private static CellSpec cell(int c, int zones, SplittableRandom random) {
        String zone = "z" + (c % zones + 1);
        double size = random.nextDouble();
        Resources capacity = size < 0.5 ? new Resources(32 * GIB_MB, 100 * GIB_MB, CONTAINERS_PER_CELL)
                : size < 0.85 ? new Resources(64 * GIB_MB, 200 * GIB_MB, CONTAINERS_PER_CELL)
                        : new Resources(128 * GIB_MB, 400 * GIB_MB, CONTAINERS_PER_CELL);
        boolean large = size >= 0.85;
        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        // One cell in 50 isolated for dmz, one for pci, at fixed places so that every
        // zone has some
        // even in a small slice.
        if (c % 50 == 7) {
            required.add("dmz");
        }
        else if (c % 50 == 32) {
            required.add("pci");
        }
        else {
            if (random.nextDouble() < 0.25) {
                optional.add("ssd");
            }
            if (random.nextDouble() < 0.04) {
                optional.add("gpu");
            }
            if (large && random.nextDouble() < 0.6) {
                optional.add("highmem");
            }
        }
        Set<String> rootfs = random.nextDouble() < 0.85 ? Set.of(CFLINUXFS4, "docker") : Set.of(CFLINUXFS4);
        return new CellSpec(String.format(Locale.ROOT, "cell-%05d", c), zone, required, optional, rootfs, capacity);
    }

    private static Process process(int p, int instances, SplittableRandom random) {
        double m = random.nextDouble();
        long memory = m < 0.15 ? 256 : m < 0.40 ? 512 : m < 0.70 ? 1024 : m < 0.90 ? 2048 : 4096;
        double d = random.nextDouble();
        long disk = d < 0.5 ? 1024 : d < 0.85 ? 2048 : 4096;
        double t = random.nextDouble();
        Set<String> tags;
        if (instances > 200) {
            // The big processes are untagged and of at most 2 GB: they run on the general
            // pool.
            tags = Set.of();
            memory = Math.min(memory, 2048);
        }
        else {
            tags = t < 0.78 ? Set.of() : t < 0.88 ? Set.of("ssd")
                    : t < 0.91 ? Set.of("ssd", "highmem") : t < 0.92 ? Set.of("gpu") : Set.of();
        }
        // Only small processes run in an isolation segment, which holds 2% of the cells.
        if (instances <= 40 && t >= 0.955) {
            tags = t < 0.985 ? Set.of("dmz") : Set.of("pci");
        }
        String guid = String.format(Locale.ROOT, "proc-%05d", p);
        String rootfs = random.nextDouble() < 0.85 ? CFLINUXFS4 : "docker:///corral/app-" + p;
        return new Process(p, guid, instances, memory, disk, rootfs, tags);
    }

    /**
     * {@code total} instances over {@code count} processes with a long tail: 85% of the
     * processes are drawn from 10 to 30, the rest from a Pareto tail from 50, capped;
     * then all are scaled to the total.
     */
    private static int[] instanceCounts(int count, int total, SplittableRandom random) {
        double[] weights = new double[count];
        double sum = 0;
        for (int p = 0; p < count; p++) {
            weights[p] = random.nextDouble() < 0.85 ? 10 + random.nextInt(21)
                    : Math.min(2500, 50 * Math.pow(1 - random.nextDouble(), -1 / 1.16));
            sum += weights[p];
        }
        // Largest remainder: every process gets at least one, the counts add up to the
        // total exactly.
        int[] sizes = new int[count];
        double[] remainders = new double[count];
        int assigned = 0;
        for (int p = 0; p < count; p++) {
            double exact = weights[p] * (total - count) / sum;
            sizes[p] = 1 + (int) Math.floor(exact);
            remainders[p] = exact - Math.floor(exact);
            assigned += sizes[p];
        }
        Integer[] order = new Integer[count];
        for (int p = 0; p < count; p++) {
            order[p] = p;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; assigned < total; i = (i + 1) % count) {
            sizes[order[i]]++;
            assigned++;
        }
        for (int p = 0; p < count; p++) {
            if (sizes[p] > ApiPatterns.MAX_INSTANCES) {
                throw new IllegalArgumentException(
                        "a process would have " + sizes[p] + " instances, more than the " + ApiPatterns.MAX_INSTANCES
                                + " one desired LRP may have: ask for fewer instances or more processes");
            }
        }
        return sizes;
    }

    int totalInstances() {
        return processes.stream().mapToInt(Process::instances).sum();
    }

    /** Every instance of every process, process by process. */
    List<WorkItem> work() {
        List<WorkItem> work = new ArrayList<>(totalInstances());
        for (Process process : processes) {
            for (int i = 0; i < process.instances(); i++) {
                work.add(process.item(i));
            }
        }
        return work;
    }

    List<String> zones() {
        return cells.stream().map(CellSpec::zone).distinct().sorted().toList();
    }

    /**
     * docs/design.md's match, resources aside: the cell has every tag the process
     * requires, the process requires every tag that isolates the cell, and the cell
     * offers the rootfs.
     */
    static boolean matches(CellSpec cell, Process process) {
        for (String tag : process.tags()) {
            if (!cell.hasTag(tag)) {
                return false;
            }
        }
        return process.tags().containsAll(cell.requiredTags()) && cell.offers(process.rootfs());
    }

    /** The zones that hold at least one cell matching the process. */
    Set<String> matchingZones(Process process) {
        Set<String> zones = new TreeSet<>();
        for (CellSpec cell : cells) {
            if (matches(cell, process)) {
                zones.add(cell.zone());
            }
        }
        return zones;
    }

    /**
     * How much of the memory of the cells matching each kind of process (its tags and
     * rootfs) all processes of that kind would take: a placement with room to balance
     * needs every share well under 1.
     */
    Map<String, Double> memoryShareByKind() {
        Map<String, Long> demand = new LinkedHashMap<>();
        Map<String, Process> example = new HashMap<>();
        for (Process process : processes) {
            String kind = kind(process);
            demand.merge(kind, process.instances() * process.memoryMb(), Long::sum);
            example.putIfAbsent(kind, process);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        demand.forEach((kind, mb) -> {
            long capacity = cells.stream()
                .filter(cell -> matches(cell, example.get(kind)))
                .mapToLong(cell -> cell.capacity().memoryMb())
                .sum();
            shares.put(kind, capacity == 0 ? Double.POSITIVE_INFINITY : (double) mb / capacity);
        });
        return shares;
    }

    private static String kind(Process process) {
        return (process.tags().isEmpty() ? "untagged" : String.join("+", new TreeSet<>(process.tags())))
                + (process.rootfs().startsWith("docker") ? " docker" : " cflinuxfs4");
    }

    long totalMemoryMb() {
        return cells.stream().mapToLong(cell -> cell.capacity().memoryMb()).sum();
    }

    long demandMemoryMb() {
        return processes.stream().mapToLong(p -> p.instances() * p.memoryMb()).sum();
    }

    String describe() {
        return String.format(Locale.ROOT, "%,d cells in %d zones, %,d processes, %,d instances (seed %d)", cells.size(),
                zoneCount, processes.size(), totalInstances(), seed);
    }
}
