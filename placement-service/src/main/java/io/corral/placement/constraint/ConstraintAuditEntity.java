package io.corral.placement.constraint;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One change of a constraint: who made it, when, and the constraint before and after
 * (null: none).
 */
@Entity
@Table(name = "placement_constraint_audit")
class ConstraintAuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String spaceGuid;

    @Enumerated(EnumType.STRING)
    private Lifecycle lifecycle;

    private String actor;

    private Instant changedAt;

    private String beforeJson;

    private String afterJson;

    protected ConstraintAuditEntity() {
    }

    ConstraintAuditEntity(ConstraintScope scope, String actor, Instant at, PlacementConstraint before,
            PlacementConstraint after) {
        this.spaceGuid = scope.spaceGuid();
        this.lifecycle = scope.lifecycle();
        this.actor = actor;
        this.changedAt = at;
        this.beforeJson = ConstraintJson.write(before);
        this.afterJson = ConstraintJson.write(after);
    }

    long id() {
        return id;
    }

    AuditEntry toApi() {
        return new AuditEntry(id, spaceGuid, ApiValues.apiName(lifecycle), actor, changedAt,
                ConstraintJson.read(beforeJson), ConstraintJson.read(afterJson));
    }

}
