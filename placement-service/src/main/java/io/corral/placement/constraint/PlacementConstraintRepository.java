package io.corral.placement.constraint;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * A null space guid finds the lifecycle's default: derived queries compare a null
 * argument with IS NULL.
 */
interface PlacementConstraintRepository extends JpaRepository<PlacementConstraintEntity, Long> {

    Optional<PlacementConstraintEntity> findBySpaceGuidAndLifecycle(String spaceGuid, Lifecycle lifecycle);

    /**
     * Locks the row until the transaction ends, so changes of one scope follow each
     * other.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<PlacementConstraintEntity> findForUpdateBySpaceGuidAndLifecycle(String spaceGuid, Lifecycle lifecycle);

    /**
     * Takes the lock of one scope until the transaction ends, whether or not its row
     * exists yet, so that even creations of one scope follow each other; {@code 1}.
     */
    @Query(nativeQuery = true, value = """
            SELECT count(*) FROM pg_advisory_xact_lock(hashtext('placement_constraints'), hashtext(?1))
            """)
    long lockScope(String scopeKey);

}
