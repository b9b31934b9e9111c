package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

@Entity
@Table(name = "actual_lrps")
class ActualLrpEntity {

    @Id
    private UUID id;

    private String instanceGuid;

    private String processGuid;

    @Column(name = "instance_index")
    private int index;

    /** Ordinary (the index's current instance), evacuating or suspect. */
    @Enumerated(EnumType.STRING)
    private ActualLrpPresence presence;

    private String domain;

    @Enumerated(EnumType.STRING)
    private ActualLrpState state;

    private String cellId;

    private String address;

    /** Port mappings as the API's JSON array. */
    private String ports;

    private String placementError;

    private long sinceNs;

    private int crashCount;

    private String crashReason;

    private String modificationEpoch;

    /** Someone opened a shell or wrote a file in this instance (ssh-auth-service). */
    private boolean tainted;

    /**
     * Null until first stored, which is how Spring Data tells a new record from a stored
     * one.
     */
    @Version
    private Long modificationIndex;

    protected ActualLrpEntity() {
    }

    public InstanceStatus status() {
        return new InstanceStatus(instanceGuid, state, cellId, address, ports, placementError, sinceNs, crashCount,
                crashReason, presence);
    }

    public void apply(InstanceStatus status) {
        if (this.instanceGuid != null && !this.instanceGuid.equals(status.instanceGuid())) {
            this.tainted = false;
        }
        this.instanceGuid = status.instanceGuid();
        this.state = status.state();
        this.cellId = status.cellId();
        this.address = status.address();
        this.ports = status.ports();
        this.placementError = status.placementError();
        this.sinceNs = status.sinceNs();
        this.crashCount = status.crashCount();
        this.crashReason = status.crashReason();
        this.presence = status.presence();
    }

    public boolean tainted() {
        return tainted;
    }

    public UUID id() {
        return id;
    }

    public String processGuid() {
        return processGuid;
    }

    public int index() {
        return index;
    }

    public ActualLrpPresence presence() {
        return presence;
    }

    /** The index's current instance, as reads and placement see it. */
    public boolean ordinary() {
        return presence == ActualLrpPresence.ORDINARY;
    }

    public String domain() {
        return domain;
    }

    public ModificationTag modificationTag() {
        return new ModificationTag(modificationEpoch, modificationIndex);
    }

}
