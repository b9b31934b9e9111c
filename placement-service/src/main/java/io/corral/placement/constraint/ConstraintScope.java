package io.corral.placement.constraint;

import java.util.Objects;

/**
 * What one stored constraint applies to: a space's work of one lifecycle, or, with a null
 * {@code spaceGuid}, the default of that lifecycle for every space without one of its
 * own.
 */
public record ConstraintScope(String spaceGuid, Lifecycle lifecycle) {

    public ConstraintScope {
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public static ConstraintScope space(String spaceGuid, Lifecycle lifecycle) {
        return new ConstraintScope(Objects.requireNonNull(spaceGuid, "spaceGuid"), lifecycle);
    }

    public static ConstraintScope defaultOf(Lifecycle lifecycle) {
        return new ConstraintScope(null, lifecycle);
    }

    public boolean isDefault() {
        return spaceGuid == null;
    }
}
