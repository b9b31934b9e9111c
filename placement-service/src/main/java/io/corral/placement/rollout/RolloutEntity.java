package io.corral.placement.rollout;

import io.corral.placement.constraint.ConstraintScope;
import io.corral.placement.constraint.Lifecycle;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A rolling rebalance of the instances one constraint governs. */
@Entity
@Table(name = "rollouts")
class RolloutEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String spaceGuid;

    private String lifecycle;

    private String state;

    private String createdBy;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant completedAt;

    @Version
    private Long version;

    protected RolloutEntity() {
    }

    RolloutEntity(ConstraintScope scope, String createdBy, Instant now) {
        this.spaceGuid = scope.spaceGuid();
        this.lifecycle = scope.lifecycle().name();
        this.state = RolloutState.RUNNING.name();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public ConstraintScope scope() {
        return new ConstraintScope(spaceGuid, Lifecycle.valueOf(lifecycle));
    }

    public RolloutState state() {
        return RolloutState.valueOf(state);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    void end(RolloutState ending, Instant now) {
        this.state = ending.name();
        this.updatedAt = now;
        this.completedAt = now;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

}
