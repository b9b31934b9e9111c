package io.corral.placement.constraint;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A stored constraint: a space's for one lifecycle, or (no space) that lifecycle's
 * default.
 */
@Entity
@Table(name = "placement_constraints")
class PlacementConstraintEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String spaceGuid;

    @Enumerated(EnumType.STRING)
    private Lifecycle lifecycle;

    /** The constraint as the API's JSON. */
    private String definition;

    private Instant updatedAt;

    private String updatedBy;

    @Version
    private long version;

    protected PlacementConstraintEntity() {
    }

    /** A new row for {@code scope}; {@link #redefine} gives it its constraint. */
    PlacementConstraintEntity(ConstraintScope scope) {
        this.spaceGuid = scope.spaceGuid();
        this.lifecycle = scope.lifecycle();
    }

    void redefine(PlacementConstraint constraint, Instant at, String actor) {
        this.definition = ConstraintJson.write(constraint);
        this.updatedAt = at;
        this.updatedBy = actor;
    }

    ConstraintScope scope() {
        return new ConstraintScope(spaceGuid, lifecycle);
    }

    PlacementConstraint constraint() {
        return ConstraintJson.read(definition);
    }

    StoredConstraint toApi() {
        return StoredConstraint.of(constraint(), scope(), updatedAt, updatedBy);
    }

}
