package io.corral.receptor.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A domain's freshness: fresh until {@code expiresAt}, or forever when it is null. */
@Entity
@Table(name = "domains")
class DomainEntity {

    @Id
    private String domain;

    private Instant expiresAt;

    protected DomainEntity() {
    }

    public String domain() {
        return domain;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

}
