package io.corral.placement.constraint;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConstraintAuditRepository extends JpaRepository<ConstraintAuditEntity, Long> {

    /** Newest first, below {@code beforeId}; a null filter matches every entry. */
    @Query("""
            select a from ConstraintAuditEntity a
            where (:spaceGuid is null or a.spaceGuid = :spaceGuid)
              and (:lifecycle is null or a.lifecycle = :lifecycle)
              and (:beforeId is null or a.id < :beforeId)
            order by a.id desc
            """)
    List<ConstraintAuditEntity> findNewest(String spaceGuid, Lifecycle lifecycle, Long beforeId, Limit limit);

}
