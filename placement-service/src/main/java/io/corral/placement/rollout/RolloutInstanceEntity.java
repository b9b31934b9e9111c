package io.corral.placement.rollout;

import io.corral.placement.constraint.Violation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/** One violating instance of a rollout and how far its replacement has come. */
@Entity
@Table(name = "rollout_instances")
class RolloutInstanceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long rolloutId;

    private String processGuid;

    @Column(name = "instance_index")
    private int index;

    private String oldInstanceGuid;

    private String oldCellId;

    private String reasons;

    private String state;

    private String replacementInstanceGuid;

    private String newCellId;

    private String detail;

    private Instant updatedAt;

    @Version
    private Long version;

    protected RolloutInstanceEntity() {
    }

    RolloutInstanceEntity(Long rolloutId, Violation violation, Instant now) {
        this.rolloutId = rolloutId;
        this.processGuid = violation.processGuid();
        this.index = violation.index();
        this.oldInstanceGuid = violation.instanceGuid();
        this.oldCellId = violation.cellId();
        this.reasons = String.join("\n", violation.reasons());
        this.state = RolloutInstanceState.PENDING.name();
        this.updatedAt = now;
    }

    RolloutStep.Item item() {
        return new RolloutStep.Item(processGuid, index, oldInstanceGuid, state());
    }

    void apply(RolloutStep.Decision decision, Instant now) {
        this.state = decision.state().name();
        this.detail = decision.detail();
        if (decision.replacement() != null) {
            this.replacementInstanceGuid = decision.replacement().instanceGuid();
            this.newCellId = decision.replacement().cellId();
        }
        this.updatedAt = now;
    }

    public Long rolloutId() {
        return rolloutId;
    }

    public String processGuid() {
        return processGuid;
    }

    public int index() {
        return index;
    }

    public String oldInstanceGuid() {
        return oldInstanceGuid;
    }

    public String oldCellId() {
        return oldCellId;
    }

    public List<String> reasons() {
        return List.of(reasons.split("\n"));
    }

    public RolloutInstanceState state() {
        return RolloutInstanceState.valueOf(state);
    }

    public String replacementInstanceGuid() {
        return replacementInstanceGuid;
    }

    public String newCellId() {
        return newCellId;
    }

    public String detail() {
        return detail;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

}
