package io.corral.receptor.cell;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "cells")
class CellEntity {

    @Id
    private String cellId;

    private String zone;

    private String repAddress;

    private int memoryMb;

    private int diskMb;

    private int containers;

    /** Tag lists as JSON arrays. */
    private String placementTags;

    private String optionalPlacementTags;

    private String rootfsProviders;

    private int ttlSeconds;

    private Instant expiresAt;

    private boolean evacuating;

    /** Set by the database (see {@link CellListVersion}); read by queries only. */
    @Column(insertable = false, updatable = false)
    private long changeNumber;

    protected CellEntity() {
    }

    public String cellId() {
        return cellId;
    }

    public String zone() {
        return zone;
    }

    public String repAddress() {
        return repAddress;
    }

    public int memoryMb() {
        return memoryMb;
    }

    public int diskMb() {
        return diskMb;
    }

    public int containers() {
        return containers;
    }

    public String placementTags() {
        return placementTags;
    }

    public String optionalPlacementTags() {
        return optionalPlacementTags;
    }

    public String rootfsProviders() {
        return rootfsProviders;
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean evacuating() {
        return evacuating;
    }

}
