package io.corral.placement.constraint;

import io.corral.placement.auction.CellMatcher;
import io.corral.placement.auction.CellSpec;
import io.corral.placement.receptor.ReceptorSnapshot;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.DesiredLrp;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the placed instances whose cells break the rules a constraint gives them. Only
 * running constraints have instances: staging work is tasks, placed afresh each time.
 */
public final class ViolationFinder {

    private final Map<String, CellSpec> cells;

    private final Map<String, DesiredLrp> desired;

    private final List<ActualLrp> instances;

    private final ConstraintBook book;

    public ViolationFinder(ReceptorSnapshot snapshot, ConstraintBook book) {
        this.instances = snapshot.actualLrps();
        this.cells = snapshot.cellSpecs().stream().collect(Collectors.toMap(CellSpec::cellId, Function.identity()));
        this.desired = snapshot.desiredLrps();
        this.book = book;
    }

    /**
     * The violations among the instances {@code scope} governs: its space's, or for a
     * default those of spaces without their own.
     */
    public List<Violation> find(ConstraintScope scope) {
        if (scope.lifecycle() != Lifecycle.RUNNING) {
            return List.of();
        }
        return instances.stream()
            .filter(instance -> governs(scope, desired.get(instance.processGuid())))
            .map(this::check)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparing(Violation::processGuid).thenComparingInt(Violation::index))
            .toList();
    }

    /**
     * Every placed instance whose cell breaks its rules now, whichever constraint (or
     * none) gives them.
     */
    public List<Violation> all() {
        return instances.stream()
            .map(this::check)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparing(Violation::processGuid).thenComparingInt(Violation::index))
            .toList();
    }

    /**
     * Why the instance's cell breaks its rules now; empty when it does not, it is not
     * placed, or it is being replaced already (evacuating, or suspect: its cell is gone).
     */
    public Optional<Violation> check(ActualLrp instance) {
        DesiredLrp lrp = desired.get(instance.processGuid());
        CellSpec cell = instance.cellId() == null ? null : cells.get(instance.cellId());
        if (lrp == null || cell == null || instance.presence() != ActualLrpPresence.ORDINARY) {
            return Optional.empty();
        }
        List<String> reasons = CellMatcher.incompatibilities(cell, lrp.rootfs(),
                book.rulesFor(lrp.spaceGuid(), Lifecycle.RUNNING, lrp.placementTags()));
        return reasons.isEmpty() ? Optional.empty() : Optional.of(new Violation(instance.processGuid(),
                instance.index(), instance.instanceGuid(), instance.cellId(), reasons));
    }

    /**
     * A space's constraint governs that space's LRPs; a default governs the LRPs of every
     * space whose effective constraint is the default's (no own constraint, or one
     * identical to it).
     */
    private boolean governs(ConstraintScope scope, DesiredLrp lrp) {
        if (lrp == null) {
            return false;
        }
        if (!scope.isDefault()) {
            return scope.spaceGuid().equals(lrp.spaceGuid());
        }
        return Objects.equals(book.effective(lrp.spaceGuid(), Lifecycle.RUNNING),
                book.effective(null, Lifecycle.RUNNING));
    }

}
