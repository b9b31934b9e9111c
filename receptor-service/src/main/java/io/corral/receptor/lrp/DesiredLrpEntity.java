package io.corral.receptor.lrp;

import io.corral.receptor.api.ModificationTag;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "desired_lrps")
class DesiredLrpEntity {

    @Id
    @Column(name = "process_guid")
    private String processGuid;

    private String domain;

    private int instances;

    private String spaceGuid;

    private String appGuid;

    /**
     * The full definition as the API's JSON; columns above repeat what queries filter on.
     */
    private String definition;

    private String modificationEpoch;

    /**
     * Null until first stored, which is how Spring Data tells a new record from a stored
     * one.
     */
    @Version
    private Long modificationIndex;

    private Instant createdAt;

    private Instant updatedAt;

    protected DesiredLrpEntity() {
    }

    public void redefine(int instances, String definition) {
        this.instances = instances;
        this.definition = definition;
        this.updatedAt = Instant.now();
    }

    public String processGuid() {
        return processGuid;
    }

    public String domain() {
        return domain;
    }

    public int instances() {
        return instances;
    }

    public String definition() {
        return definition;
    }

    public ModificationTag modificationTag() {
        return new ModificationTag(modificationEpoch, modificationIndex);
    }

}
