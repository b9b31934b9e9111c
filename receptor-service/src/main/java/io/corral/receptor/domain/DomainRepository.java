package io.corral.receptor.domain;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface DomainRepository extends JpaRepository<DomainEntity, String> {

    /**
     * Inserts or refreshes in one statement, so two concurrent upserts of a domain never
     * collide.
     */
    @Modifying
    @Query(value = """
            INSERT INTO domains (domain, expires_at) VALUES (?1, ?2)
            ON CONFLICT (domain) DO UPDATE SET expires_at = EXCLUDED.expires_at
            """, nativeQuery = true)
    void upsert(String domain, Instant expiresAt);

    @Query("select d.domain from DomainEntity d where d.expiresAt is null or d.expiresAt > ?1 order by d.domain")
    List<String> findFresh(Instant now);

}
